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

/** The orbit camera of the 3D views (embedding-space/camera.ts): degrees, and radii of what is drawn. */
const cameraState = {
  yaw: { kind: 'number', min: -180, max: 180, step: 0.1, default: 30, label: 'camera yaw (degrees)' },
  pitch: { kind: 'number', min: -85, max: 85, step: 0.1, default: 20, label: 'camera pitch (degrees)' },
  distance: { kind: 'number', min: 0.2, max: 12, step: 0.01, default: 3.5, label: 'camera distance (cloud radii)' },
} as const satisfies StateSchema;

/**
 * The embedding matrix in 3D. `token` is a token id (0-based, as the tokenizer numbers them;
 * −1 = none selected) below the vocabulary size 8,192. The camera orbits the selected token's
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
    token: { kind: 'int', min: -1, max: 8191, default: -1, label: 'selected token id' },
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
 * Sinusoidal vs learned position vectors. Bounds are the architecture's: context 256 positions,
 * width 192 dimensions; the heatmaps show the first `positions` × `dims` of each matrix.
 */
export const positions = diagram({
  id: 'positions',
  title: 'Sinusoidal and learned positions',
  chapter: '/embeddings/',
  description:
    'The sinusoidal position encoding of the original Transformer beside the position vectors our model learned, and how alike two positions are as they get further apart.',
  state: {
    positions: { kind: 'int', min: 8, max: 256, default: 64, label: 'positions shown' },
    dims: { kind: 'int', min: 8, max: 192, default: 64, label: 'dimensions shown' },
  },
  fixtures: {
    default: {},
    'long-narrow': { positions: 256, dims: 32 },
    small: { positions: 8, dims: 8 },
  },
});

/** One word in two texts, through every layer. `layer` 0 is the embedding, 1–6 after each block. */
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
    layer: { kind: 'int', min: 0, max: 6, default: 6, label: 'layer' },
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

export const diagrams = [nextToken, attention, attentionMatrix, attentionHeads, embeddingSpace, positions, contextualPath] as const;

export function getDiagram(id: string): DiagramEntry | undefined {
  return diagrams.find((d) => d.id === id) as DiagramEntry | undefined;
}
