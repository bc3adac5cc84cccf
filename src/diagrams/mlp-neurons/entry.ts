import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';
import { layersText } from '../kit/fields';

export default diagram({
  id: 'mlp-neurons',
  order: 140,
  title: 'MLP neurons that fire',
  chapter: '/layers/',
  description:
    'The feed-forward neurons of one layer that fire most on your sentence, and for a chosen neuron the words of a built-in sample text that excite it most.',
  state: {
    text: layersText,
    layer: { kind: 'int', min: 1, max: ARCH.layers, default: 1, label: 'layer' },
    // −1: the neuron that fires most on the text; else 0-based, below the MLP's width (4 × the model's).
    neuron: { kind: 'int', min: -1, max: ARCH.mlp - 1, default: -1, label: 'neuron' },
  },
  fixtures: {
    default: {},
    'layer-4': { layer: 4 },
    'neuron-0': { layer: ARCH.layers, neuron: 0 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
    empty: { text: '' },
  },
});
