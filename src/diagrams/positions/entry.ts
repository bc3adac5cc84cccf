import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';

/**
 * Sinusoidal vs learned position vectors. Bounds are the architecture's: the context in positions,
 * the width in dimensions; the heatmaps show the first `positions` × `dims` of each matrix.
 */
export default diagram({
  id: 'positions',
  order: 70,
  title: 'Sinusoidal and learned positions',
  chapter: '/embeddings/',
  description:
    'The sinusoidal position encoding of the original Transformer beside the position vectors our model learned, and how alike two positions are as they get further apart.',
  state: {
    positions: { kind: 'int', min: 8, max: ARCH.context, default: 64, label: 'positions shown' },
    dims: { kind: 'int', min: 8, max: ARCH.width, default: 64, label: 'dimensions shown' },
  },
  fixtures: {
    default: {},
    'long-narrow': { positions: ARCH.context, dims: 32 },
    small: { positions: 8, dims: 8 },
  },
});
