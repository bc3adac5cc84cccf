import example from '../../data/examples/seq2seq.json';
import { diagram } from '../kit/schema';
import { shapeOf, VIEWS, type Seq2SeqRun } from './data';
import { SEQ2SEQ_TEXT } from './text';

// Bounds from the shipped model's shape, as the build-time example ran it.
const [LAYERS, HEADS] = shapeOf(example as Seq2SeqRun);
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
