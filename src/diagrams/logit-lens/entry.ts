import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';
import { layersText, layersToken } from '../kit/fields';

export default diagram({
  id: 'logit-lens',
  order: 120,
  title: 'The logit lens',
  chapter: '/layers/',
  description:
    'Decode the residual stream after every layer through the final LayerNorm and the output head: what the model would predict if it stopped there, for each token of your sentence.',
  state: {
    text: layersText,
    token: layersToken,
    // The lens's row: 0 decodes the stream before any block, ARCH.layers after the last (the model's output).
    lens: { kind: 'int', min: 0, max: ARCH.layers, default: ARCH.layers, label: 'lens layer' },
  },
  fixtures: {
    default: {},
    'first-token': { token: 1, lens: 1 },
    embedding: { lens: 0, token: 4 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
    empty: { text: '' },
  },
});
