import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';
import { layersText, layersToken, layersFixtures } from '../kit/fields';

export default diagram({
  id: 'layer-stack',
  order: 130,
  title: 'What each layer adds',
  chapter: '/layers/',
  description:
    'The stack of layers with your tokens flowing up through it; for the token you pick, how much each attention block and each MLP adds to its residual stream, against the stream’s size.',
  state: {
    text: layersText,
    token: layersToken,
    layer: { kind: 'int', min: 1, max: ARCH.layers, default: 1, label: 'layer' },
  },
  fixtures: layersFixtures,
});
