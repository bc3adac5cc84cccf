/**
 * The one list of diagrams. Embed routes (`src/pages/embed/[id].astro`), the gallery and the
 * tests are generated from it, so adding a diagram starts here.
 */
import { ARCH } from '../model/architecture';
import { EXAMPLE_TEXTS } from '../model/examples';
import type { DiagramEntry, StateSchema } from './schema';
import { TOKENIZERS } from './tokenizer/tokenizers';

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
 * in each. All 1-based, as readers count. Bounds are the shipped model's (ARCH: its layers, heads
 * and context in tokens); `token` past the end of the text is clamped at run time, with a note.
 */
const attentionState = {
  text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.attention, label: 'text' },
  layer: { kind: 'int', min: 1, max: ARCH.layers, default: 1, label: 'layer' },
  head: { kind: 'int', min: 1, max: ARCH.heads, default: 1, label: 'head' },
  // 8 is " it" in the default sentence.
  token: { kind: 'int', min: 1, max: ARCH.context, default: 8, label: 'token' },
} as const satisfies StateSchema;

const attentionFixtures = {
  default: {},
  'layer-2-head-3': { layer: 2, head: 3, token: 9 },
  'first-token': { layer: ARCH.layers, head: ARCH.heads, token: 1 },
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
    `All ${ARCH.layers * ARCH.heads} heads (${ARCH.layers} layers × ${ARCH.heads} heads) side by side: where each one sends the attention of the token you pick, labelled with what that head was measured to do.`,
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
 * Scaling laws (chapter /scaling-laws/). N in parameters, D in tokens, C in FLOPs; C = 6·N·D is
 * derived, and a link with C alone means "the compute-optimal split of C" (see
 * scaling-laws/resolve.ts). Bounds cover our 4 M-parameter model up to 10 T parameters.
 */
const scaleN = { kind: 'log', min: 1e6, max: 1e13, digits: 3, default: 7e10, label: 'parameters N' } as const;
const scaleD = { kind: 'log', min: 1e8, max: 1e14, digits: 3, default: 1.4e12, label: 'training tokens D' } as const;

export const scalingLaws = diagram({
  id: 'scaling-laws',
  title: 'Loss, model size and data',
  chapter: '/scaling-laws/',
  description:
    'Slide the model size N and the training tokens D (or fix the compute C = 6ND and slide the split) and see the loss a published scaling law predicts, with famous models on the same axes.',
  state: {
    N: scaleN,
    D: scaleD,
    // 6 significant figures: enough to hold 6·N·D of two 3-figure numbers exactly.
    C: { kind: 'log', min: 6e14, max: 6e27, digits: 6, default: 5.88e23, label: 'compute C' },
    law: { kind: 'enum', values: ['chinchilla', 'epoch', 'kaplan'], default: 'chinchilla', label: 'law' },
  },
  fixtures: {
    default: {},
    'gpt-3-epoch': { N: 1.75e11, D: 3e11, C: 3.15e23, law: 'epoch' },
    'llama-2-7b-kaplan': { N: 7e9, D: 2e12, C: 8.4e22, law: 'kaplan' },
    'site-model': { N: 4.3e6, D: 1e8, C: 2.58e15 },
  },
});

export const modelMemory = diagram({
  id: 'model-memory',
  title: 'Memory to hold a model',
  chapter: '/scaling-laws/',
  description:
    'Parameters × bytes per parameter: the memory for a model’s weights at inference in each number format, and for training with Adam in mixed precision.',
  state: {
    N: { kind: 'log', min: 1e6, max: 2e12, digits: 3, default: 7e9, label: 'parameters N' },
    dtype: { kind: 'enum', values: ['fp32', 'fp16', 'bf16', 'int8', 'int4'], default: 'fp16', label: 'number format' },
  },
  fixtures: {
    default: {},
    'site-model-int8': { N: 4.3e6, dtype: 'int8' },
    'gpt-3-int4': { N: 1.75e11, dtype: 'int4' },
  },
});

export const trainingCost = diagram({
  id: 'training-cost',
  title: 'What training costs in GPU-days',
  chapter: '/scaling-laws/',
  description:
    'Training FLOPs (6·N·D) turned into accelerator-days at a chosen peak speed and utilisation, next to published and estimated figures for well-known models.',
  state: {
    N: scaleN,
    D: { ...scaleD, default: 2e12 },
    gpu: { kind: 'enum', values: ['v100', 'a100', 'h100'], default: 'a100', label: 'accelerator' },
    // Model-FLOPs utilisation: the share of peak spent on the model's own 6ND FLOPs.
    mfu: { kind: 'number', min: 0.05, max: 0.8, step: 0.01, default: 0.4, label: 'utilisation (MFU)' },
  },
  fixtures: {
    default: {},
    'gpt-3-v100': { N: 1.75e11, D: 3e11, gpu: 'v100', mfu: 0.3 },
    'small-h100': { N: 1.24e8, D: 1e10, gpu: 'h100', mfu: 0.5 },
  },
});

export const scalingMeasured = diagram({
  id: 'scaling-measured',
  title: 'Our own scaling law, measured',
  chapter: '/scaling-laws/',
  description:
    'Held-out losses of a family of small models trained with this site’s recipe at several sizes and token budgets, the law L(N, D) fitted to them in your browser, and the residuals.',
  state: {
    val: { kind: 'enum', values: ['gutenberg', 'brown'], default: 'gutenberg', label: 'held-out text' },
    // Kaplan et al. counted non-embedding parameters; Hoffmann et al. counted all of them.
    params: { kind: 'enum', values: ['total', 'non-embedding'], default: 'total', label: 'parameters counted' },
  },
  fixtures: {
    default: {},
    'brown-non-embedding': { val: 'brown', params: 'non-embedding' },
  },
});

/** The tokenization chapter's views share the reader's text and tokenizer. */
const tokenizerState = {
  // 100 000 UTF-16 units: a long article still fits, and the hostile-input test pastes 100 kB.
  text: { kind: 'string', maxLength: 100_000, default: 'ChatGPT is amazing', label: 'text' },
  tokenizer: { kind: 'enum', values: TOKENIZERS, default: 'glassbox', label: 'tokenizer' },
} as const satisfies StateSchema;

export const tokenizer = diagram({
  id: 'tokenizer',
  title: 'Text to tokens',
  chapter: '/tokenization/',
  description:
    'Type any text and see how a tokenizer cuts it into tokens, each with its id, bytes and merge rank: this site’s model, GPT-2, cl100k (GPT-4) or o200k (GPT-4o).',
  state: {
    ...tokenizerState,
    // 1-based; 0 is none. Past the end of the text it is ignored.
    token: { kind: 'int', min: 0, max: 100_000, default: 0, label: 'token' },
  },
  fixtures: {
    default: {},
    'gpt2-code': { text: 'def square(x):\n    return x ** 2  # 12345', tokenizer: 'gpt2', token: 3 },
    'cl100k-numbers': { text: 'In 2024, 1,000,000 tokens cost $0.50.', tokenizer: 'cl100k' },
    'o200k-world': { text: '東京 שלום 👩‍👩‍👧 naïve', tokenizer: 'o200k' },
    markup: { text: '<img src=x onerror=alert(1)> </script>' },
    empty: { text: '' },
  },
});

export const tokenizerCompare = diagram({
  id: 'tokenizer-compare',
  title: 'Four tokenizers side by side',
  chapter: '/tokenization/',
  description:
    'The same text under this site’s tokenizer, GPT-2, cl100k and o200k, lined up by character so the places where they cut differently stand out, with their token counts.',
  state: { text: tokenizerState.text },
  fixtures: {
    default: {},
    code: { text: 'for (let i = 0; i < 10; i++) {\n  total += prices[i] * 1.2;\n}' },
    world: { text: 'naïve 東京 שלום 👩‍👩‍👧 12345678' },
    empty: { text: '' },
  },
});

export const bpeMerges = diagram({
  id: 'bpe-merges',
  title: 'A word, merge by merge',
  chapter: '/tokenization/',
  description:
    'A word starts as UTF-8 bytes; the site tokenizer’s merges then apply one at a time, in the order they were learned, until only its final tokens are left.',
  state: {
    // A leading space is part of the word: GPT-2-style tokenizers glue it to the word after it.
    word: { kind: 'string', maxLength: 64, default: ' amazing', label: 'word' },
    // Merges applied so far; past the last merge it is clamped at run time.
    step: { kind: 'int', min: 0, max: 300, default: 0, label: 'step' },
  },
  fixtures: {
    default: {},
    'amazing-done': { step: 300 },
    tokenization: { word: ' tokenization', step: 3 },
    contraction: { word: "don't", step: 1 },
    emoji: { word: ' 👩‍👩‍👧', step: 2 },
    empty: { word: '' },
  },
});

export const bpeTrain = diagram({
  id: 'bpe-train',
  title: 'Learning merges from your text',
  chapter: '/tokenization/',
  description:
    'Byte-pair encoding trained live on a paragraph: at each step the pair counts, the most frequent pair, and the new token it becomes.',
  state: {
    // A paragraph: training is quadratic-ish in the text and runs on the main thread.
    text: {
      kind: 'string',
      maxLength: 1000,
      default: 'the cat sat on the mat. the cat ate the rat. then the cat sat on the hat, and that was that.',
      label: 'training text',
    },
    // Merges learned so far, 0 (bytes only) to 30.
    step: { kind: 'int', min: 0, max: 30, default: 1, label: 'step' },
  },
  fixtures: {
    default: {},
    'ten-merges': { step: 10 },
    code: { text: 'for i in range(10): print(i)\nfor j in range(10): print(j)', step: 5 },
    empty: { text: '', step: 0 },
  },
});

/** The orbit camera of the 3D views (embedding-space/camera.ts): degrees, and radii of what is drawn. */
const cameraState = {
  yaw: { kind: 'number', min: -180, max: 180, step: 0.1, default: 30, label: 'camera yaw (degrees)' },
  pitch: { kind: 'number', min: -85, max: 85, step: 0.1, default: 20, label: 'camera pitch (degrees)' },
  distance: { kind: 'number', min: 0.2, max: 12, step: 0.01, default: 3.5, label: 'camera distance (cloud radii)' },
} as const satisfies StateSchema;

/**
 * The embedding matrix in 3D. `token` is a token id (0-based, as the tokenizer numbers them;
 * −1 = none selected) below the vocabulary size (ARCH.vocab). The camera orbits the selected token's
 * point (or the cloud's centre) at `distance` cloud radii; see embedding-space/camera.ts.
 */
export const embeddingSpace = diagram({
  id: 'embedding-space',
  title: 'The embedding space in 3D',
  chapter: '/embeddings/',
  description:
    'Every row of the model’s embedding matrix as a point, projected to 3D with PCA. Turn it, search a token, and list its nearest neighbours by cosine similarity.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'The king and the queen walked to the river bank', label: 'sentence' },
    token: { kind: 'int', min: -1, max: ARCH.vocab - 1, default: -1, label: 'selected token id' },
    projection: { kind: 'enum', values: ['pca'], default: 'pca', label: 'projection' },
    ...cameraState,
  },
  fixtures: {
    default: {},
    // Ids 0–255 are the 256 single bytes, in byte order, in the model's byte-level BPE vocabulary: 101 is "e".
    'letter-e': { token: 101, distance: 1.5 },
    'side-view': { yaw: 90, pitch: 0, distance: 2 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
    empty: { text: '' },
  },
});

/**
 * Sinusoidal vs learned position vectors. Bounds are the architecture's: the context in positions,
 * the width in dimensions; the heatmaps show the first `positions` × `dims` of each matrix.
 */
export const positions = diagram({
  id: 'positions',
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

/** One word in two texts, through every layer. `layer` 0 is the embedding, 1–ARCH.layers after each block. */
export const contextualPath = diagram({
  id: 'contextual-path',
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

/**
 * Shared by the layers chapter's views, which all read the chapter's URL: one `text` and `token`
 * for the page, `layer` counting blocks 1-based (as the attention views do). Bounds are the
 * architecture's (ARCH.layers blocks, ARCH.context tokens); `token` past the end is clamped at run time.
 */
const layersText = { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.layers, label: 'text' } as const;
// 9 is " little", the last token of the default text.
const layersToken = { kind: 'int', min: 1, max: ARCH.context, default: 9, label: 'token' } as const;
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

export const layerStack = diagram({
  id: 'layer-stack',
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

export const mlpNeurons = diagram({
  id: 'mlp-neurons',
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

/** In chapter order: the gallery lists them this way. */
export const diagrams = [
  nextToken,
  tokenizer,
  tokenizerCompare,
  bpeMerges,
  bpeTrain,
  embeddingSpace,
  positions,
  contextualPath,
  attention,
  attentionMatrix,
  attentionHeads,
  logitLens,
  layerStack,
  mlpNeurons,
  scalingLaws,
  modelMemory,
  trainingCost,
  scalingMeasured,
] as const;

export function getDiagram(id: string): DiagramEntry | undefined {
  return diagrams.find((d) => d.id === id) as DiagramEntry | undefined;
}
