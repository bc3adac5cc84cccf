import { SEQ2SEQ } from '../../model/companion-facts';
import { diagram } from '../kit/schema';
import { VIEWS } from './data';
import { SEQ2SEQ_TEXT } from './text';

// Bounds from the shipped model's shape (models.json); the encoder and the decoder each clamp
// the layer to their own depth (data.ts matrixOf). The page's JavaScript does not carry the
// example run just for these two numbers.
const LAYERS = SEQ2SEQ ? Math.max(SEQ2SEQ.encoder_layers, SEQ2SEQ.decoder_layers) : 1;
const HEADS = SEQ2SEQ?.heads ?? 1;
/** The most tokens the diagram asks the decoder for (an ISO date is 8 or so). */
export const MAX_TOKENS = 16;

export default diagram({
  id: 'seq2seq',
  order: 204,
  title: 'An encoder-decoder writes a date, token by token',
  chapter: '/architectures/',
  description:
    'glassbox-seq2seq reads a date as people write it and its decoder writes it in ISO form one token at a time; the heatmap shows which source tokens each output token attended to.',
  state: {
    text: { kind: 'string', maxLength: 64, default: SEQ2SEQ_TEXT, label: 'date' },
    attn: { kind: 'enum', values: VIEWS, default: 'cross', label: 'attention' },
    layer: { kind: 'int', min: 1, max: LAYERS, default: 1, label: 'layer' },
    // 0 is the mean over the heads.
    head: { kind: 'int', min: 0, max: HEADS, default: 1, label: 'head' },
    // Output tokens written so far; past the output's end it is clamped at run time.
    step: { kind: 'int', min: 0, max: MAX_TOKENS, default: MAX_TOKENS, label: 'step' },
  },
  fixtures: {
    default: {},
    'step-3-mean': { step: 3, head: 0, layer: 2 },
    encoder: { attn: 'encoder', layer: 2, head: 4 },
    decoder: { attn: 'decoder', step: 5 },
    start: { step: 0 },
  },
});
