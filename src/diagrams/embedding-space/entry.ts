import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';
import { cameraState } from '../kit/fields';

/**
 * The embedding matrix in 3D. `token` is a token id (0-based, as the tokenizer numbers them;
 * −1 = none selected) below the vocabulary size (ARCH.vocab). The camera orbits the selected token's
 * point (or the cloud's centre) at `distance` cloud radii; see kit/orbit/camera.ts.
 */
export default diagram({
  id: 'embedding-space',
  order: 60,
  title: 'The embedding space in 3D',
  chapter: '/embeddings/',
  description:
    'Every row of the model’s embedding matrix as a point, projected to 3D with PCA. Turn it, search a token, and list its nearest neighbours by cosine similarity.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'The king and the queen walked to the river bank', label: 'sentence' },
    token: { kind: 'int', min: -1, max: ARCH.vocab - 1, default: -1, label: 'selected token id' },
    projection: { kind: 'enum', values: ['pca'], default: 'pca', label: 'projection' },
    ...cameraState,
  },
  fixtures: {
    default: {},
    // Ids 0–255 are the 256 single bytes, in byte order, in the model's byte-level BPE vocabulary: 101 is "e".
    'letter-e': { token: 101, distance: 1.5 },
    'side-view': { yaw: 90, pitch: 0, distance: 2 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
    empty: { text: '' },
  },
});
