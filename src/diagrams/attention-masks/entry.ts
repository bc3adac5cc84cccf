import { diagram } from '../kit/schema';
import { EXAMPLE_TEXTS } from '../../model/examples';

export default diagram({
  id: 'attention-masks',
  order: 200,
  title: 'One sentence under the three attention masks',
  chapter: '/architectures/',
  description:
    'The same sentence through an encoder (every token sees every token), our GPT (each token sees only the past) and an encoder-decoder (causal over its own output, fully visible over the source), with each model’s real attention for the picked layer and head.',
  state: {
    text: { kind: 'string', maxLength: 200, default: EXAMPLE_TEXTS.masks, label: 'text' },
    // The kind highlighted, and the one drawn large on a phone.
    kind: { kind: 'enum', values: ['encoder', 'decoder', 'encdec'], default: 'decoder', label: 'kind' },
    // 1-based; the encoder and the GPT have 6 × 6, the encoder-decoder 2 × 4 (clamped, with a note).
    layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
    head: { kind: 'int', min: 1, max: 6, default: 1, label: 'head' },
  },
  fixtures: {
    default: {},
    'encdec-layer-2-head-4': { kind: 'encdec', layer: 2, head: 4 },
    'encoder-clamped': { kind: 'encoder', layer: 6, head: 6 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
    empty: { text: '' },
  },
});
