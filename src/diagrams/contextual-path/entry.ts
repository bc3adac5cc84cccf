import { ARCH } from '../../model/architecture';
import { EXAMPLE_TEXTS } from '../../model/examples';
import { diagram } from '../kit/schema';
import { cameraState } from '../kit/fields';

/** One word in two texts, through every layer. `layer` 0 is the embedding, 1–ARCH.layers after each block. */
export default diagram({
  id: 'contextual-path',
  order: 80,
  title: 'One word, two contexts, every layer',
  chapter: '/embeddings/',
  description:
    'The same word in two sentences, followed through the model: its hidden state after each layer, placed on the embedding cloud’s PCA axes, and how alike the two stay.',
  state: {
    a: { kind: 'string', maxLength: 500, default: EXAMPLE_TEXTS.contextA, label: 'first text' },
    b: { kind: 'string', maxLength: 500, default: EXAMPLE_TEXTS.contextB, label: 'second text' },
    word: { kind: 'string', maxLength: 40, default: EXAMPLE_TEXTS.contextWord, label: 'word' },
    layer: { kind: 'int', min: 0, max: ARCH.layers, default: ARCH.layers, label: 'layer' },
    ...cameraState,
    // The paths are scaled to radius 1 (fewer, larger marks than the cloud), so start closer.
    distance: { ...cameraState.distance, default: 2.2 },
  },
  fixtures: {
    default: {},
    'after-embedding': { layer: 0, yaw: -40, pitch: 10 },
    missing: { word: 'zebra' },
    markup: { a: '<img src=x onerror=alert(1)> bank', word: 'bank' },
  },
});
