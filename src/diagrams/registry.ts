/**
 * The one list of diagrams. Embed routes (`src/pages/embed/[id].astro`), the gallery and the
 * tests are generated from it, so adding a diagram starts here.
 */
import { EXAMPLE_TEXTS } from '../model/examples';
import type { DiagramEntry, StateSchema } from './schema';

/** Identity helper that keeps each entry's literal schema type while checking its shape. */
function diagram<S extends StateSchema>(entry: DiagramEntry<S>): DiagramEntry<S> {
  return entry;
}

export const nextToken = diagram({
  id: 'next-token',
  title: 'Next-token guesses',
  chapter: '/',
  description: 'Type a prompt and see the ten tokens the model thinks most likely to come next, with their probabilities.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'The cat sat on the', label: 'prompt' },
  },
  fixtures: {
    default: {},
    'once-upon-a': { text: 'Once upon a' },
    empty: { text: '' },
    markup: { text: '<img src=x onerror=alert(1)> and then' },
  },
});

/**
 * Shared by the attention views, so a link's `text`, `layer`, `head` and `token` mean the same
 * in each. All 1-based, as readers count. Bounds are the architecture's (6 layers × 6 heads,
 * context 256 tokens); `token` past the end of the text is clamped at run time, with a note.
 */
const attentionState = {
  text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.attention, label: 'text' },
  layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
  head: { kind: 'int', min: 1, max: 6, default: 1, label: 'head' },
  // 8 is " it" in the default sentence.
  token: { kind: 'int', min: 1, max: 256, default: 8, label: 'token' },
} as const satisfies StateSchema;

const attentionFixtures = {
  default: {},
  'layer-2-head-3': { layer: 2, head: 3, token: 9 },
  'first-token': { layer: 6, head: 6, token: 1 },
  pronoun: { text: 'The dog chased the ball until it was lost in the grass.', token: 8 },
  markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
  empty: { text: '' },
} as const;

export const attention = diagram({
  id: 'attention',
  title: 'Where a token attends',
  chapter: '/attention/',
  description:
    'Pick a token of your sentence, a layer and a head, and see how the model spreads that token’s attention over the tokens before it.',
  state: attentionState,
  fixtures: attentionFixtures,
});

export const attentionMatrix = diagram({
  id: 'attention-matrix',
  title: 'The attention matrix of one head',
  chapter: '/attention/',
  description:
    'Every query token’s attention to every key token for one head, as a grid; the later tokens a query cannot see are masked.',
  state: attentionState,
  fixtures: attentionFixtures,
});

export const attentionHeads = diagram({
  id: 'attention-heads',
  title: 'Every head at once',
  chapter: '/attention/',
  description:
    'All 36 heads (6 layers × 6 heads) side by side: where each one sends the attention of the token you pick, labelled with what that head was measured to do.',
  state: { text: attentionState.text, token: attentionState.token },
  fixtures: {
    default: {},
    'first-token': { token: 1 },
    'the-dog': { text: 'The dog chased the ball until it was lost in the grass.', token: 8 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
    empty: { text: '' },
  },
});

/**
 * Shared by the layers chapter's views, which all read the chapter's URL: one `text` and `token`
 * for the page, `layer` counting blocks 1-based (as the attention views do). Bounds are the
 * architecture's (6 blocks, context 256); `token` past the end is clamped at run time.
 */
const layersText = { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.layers, label: 'text' } as const;
// 9 is " little", the last token of the default text.
const layersToken = { kind: 'int', min: 1, max: 256, default: 9, label: 'token' } as const;
const layersFixtures = {
  default: {},
  'first-token': { token: 1, layer: 1 },
  markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
  empty: { text: '' },
} as const;

export const logitLens = diagram({
  id: 'logit-lens',
  title: 'The logit lens',
  chapter: '/layers/',
  description:
    'Decode the residual stream after every layer through the final LayerNorm and the output head: what the model would predict if it stopped there, for each token of your sentence.',
  state: {
    text: layersText,
    token: layersToken,
    // The lens's row: 0 decodes the stream before any block, 6 after the last (the model's output).
    lens: { kind: 'int', min: 0, max: 6, default: 6, label: 'lens layer' },
  },
  fixtures: {
    default: {},
    'first-token': { token: 1, lens: 1 },
    embedding: { lens: 0, token: 4 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
    empty: { text: '' },
  },
});

export const layerStack = diagram({
  id: 'layer-stack',
  title: 'What each layer adds',
  chapter: '/layers/',
  description:
    'The stack of layers with your tokens flowing up through it; for the token you pick, how much each attention block and each MLP adds to its residual stream, against the stream’s size.',
  state: {
    text: layersText,
    token: layersToken,
    layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
  },
  fixtures: layersFixtures,
});

export const mlpNeurons = diagram({
  id: 'mlp-neurons',
  title: 'MLP neurons that fire',
  chapter: '/layers/',
  description:
    'The feed-forward neurons of one layer that fire most on your sentence, and for a chosen neuron the words of a built-in sample text that excite it most.',
  state: {
    text: layersText,
    layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
    // −1: the neuron that fires most on the text; else 0-based, below 4 × 192 = 768 (the MLP's width).
    neuron: { kind: 'int', min: -1, max: 767, default: -1, label: 'neuron' },
  },
  fixtures: {
    default: {},
    'layer-4': { layer: 4 },
    'neuron-0': { layer: 6, neuron: 0 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
    empty: { text: '' },
  },
});

export const diagrams = [nextToken, attention, attentionMatrix, attentionHeads, logitLens, layerStack, mlpNeurons] as const;

export function getDiagram(id: string): DiagramEntry | undefined {
  return diagrams.find((d) => d.id === id) as DiagramEntry | undefined;
}
