import { ARCH } from '../../model/architecture';
import { EXAMPLE_TEXTS } from '../../model/examples';
import { diagram } from '../kit/schema';
import { SIZES } from './sizes';
import { stageIds } from './stages';

export default diagram({
  id: 'model-overview',
  // Between next-token (10) and the next-token chapter's views: it stands on the home page.
  order: 15,
  title: 'The whole model, one forward pass',
  chapter: '/',
  description:
    'Your prompt through the real model, stage by stage: token ids, embeddings, every block’s attention and MLP adding to the residual stream, the final LayerNorm, logits, probabilities and the chosen next token.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.nextToken, label: 'prompt' },
    stage: { kind: 'enum', values: stageIds(ARCH.layers), default: 'next', label: 'stage' },
    // Relabel the same picture with a larger model's shapes; the numbers stay this model's.
    size: { kind: 'enum', values: SIZES, default: 'ours', label: 'shapes of' },
  },
  fixtures: {
    default: {},
    'block-3': { stage: 'block-3' },
    'gpt-3': { size: 'gpt3', stage: 'embeddings' },
    layers: { text: EXAMPLE_TEXTS.layers, stage: 'block-1' },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', stage: 'tokens' },
    empty: { text: '' },
  },
});
