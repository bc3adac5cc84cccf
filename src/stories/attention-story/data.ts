/**
 * The numbers the attention chapter's story shows, for one query token (e.g. "it"), one key
 * token (e.g. "cat") and the head that links them most. Every vector is cut out of the model's
 * own trace (queries, keys, values, attentions, attn_output, hidden_states); the only
 * arithmetic here is the chapter's own steps (q·k, ÷√dh, mask, softmax, Σ w·v), and the
 * softmax is checked against the model's exported weights (`maxDiff`). Pure and DOM-free.
 */
import { strongestHead, type Dense } from '../../math/attention';
import { softmax } from '../../math/softmax';

/** The slice of a `Trace` the story reads; `TensorF32` satisfies `Dense`. */
export interface StoryTrace {
  model: { id: string; version: string; headDim: number };
  text: string;
  tokens: { id: number; text: string }[];
  /** [L][H][T][T] */
  attentions: Dense;
  /** [L][H][T][dh] */
  queries: Dense;
  keys: Dense;
  values: Dense;
  /** [L][T][d] */
  attnOutput: Dense;
  /** [L+1][T][d] */
  hiddenStates: Dense;
}

export interface StoryData {
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  /** 0-based query and key tokens; key ≤ query. */
  query: number;
  key: number;
  /** 0-based head that gives the most weight from query to key, over every layer. */
  layer: number;
  head: number;
  headDim: number;
  /** Layers × heads searched. */
  headCount: number;
  /** The model's attention weight from query to key in that head. */
  weight: number;
  /** Query of the query token, key and value of the key token, in that head: dh numbers each. */
  q: number[];
  k: number[];
  v: number[];
  /** q·k_j for every key j ≤ query (raw dot products). */
  dots: number[];
  /** dots / √dh for j ≤ query, −Infinity (the causal mask) for j > query: length T. */
  scores: number[];
  /** The model's exported weights from the query in that head: length T, 0 after the query. */
  weights: number[];
  /** softmax(scores), computed here, and its largest distance from `weights`. */
  recomputed: number[];
  maxDiff: number;
  /** Σ_j weights[j] · v_j: what this head hands the query token, dh numbers. */
  headOut: number[];
  /** The value vectors of the (up to) three most-weighted keys, strongest first. */
  topValues: { index: number; weight: number; v: number[] }[];
  /** ‖attn_output‖ of the whole layer at the query token, and ‖residual stream‖ entering it. */
  attnNorm: number;
  streamNorm: number;
}

const PRONOUNS = new Set(['it', 'he', 'she', 'they', 'him', 'her', 'them', 'its', 'his', 'their']);
const DETERMINERS = new Set(['the', 'a', 'an', 'my', 'his', 'her', 'their', 'its', 'our', 'your', 'this', 'that']);
const word = (t: { text: string } | undefined) => (t?.text ?? '').trim().toLowerCase();

/**
 * Which tokens the story follows, from the words alone (never from the model's numbers): the
 * last pronoun as the query (else the last token), and as the key the first word after a
 * determiner before it ("The cat" → "cat"), else the first token.
 */
export function chooseFocus(tokens: readonly { text: string }[]): { query: number; key: number } {
  if (tokens.length === 0) return { query: 0, key: 0 };
  let query = tokens.length - 1;
  for (let i = tokens.length - 1; i > 0; i--) {
    if (PRONOUNS.has(word(tokens[i]))) {
      query = i;
      break;
    }
  }
  for (let j = 1; j < query; j++) {
    if (DETERMINERS.has(word(tokens[j - 1])) && /\p{L}/u.test(tokens[j].text)) return { query, key: j };
  }
  return { query, key: 0 };
}

/** Row-major offset of a leading index tuple in a tensor of `shape`. */
function at(shape: readonly number[], idx: number[]): number {
  let o = 0;
  for (let i = 0; i < shape.length; i++) o = o * shape[i] + (idx[i] ?? 0);
  return o;
}

function slice(t: Dense, lead: number[]): number[] {
  const n = t.shape[t.shape.length - 1];
  const o = at(t.shape, [...lead, 0]);
  return Array.from({ length: n }, (_, i) => t.data[o + i]);
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const norm = (a: readonly number[]) => Math.sqrt(dot(a, a));

export function buildStory(tr: StoryTrace, focus = chooseFocus(tr.tokens)): StoryData {
  const T = tr.tokens.length;
  if (T === 0) throw new RangeError('buildStory: no tokens');
  const query = Math.min(T - 1, Math.max(0, focus.query));
  const key = Math.min(query, Math.max(0, focus.key));
  const [L, H] = tr.attentions.shape;
  const best = strongestHead(tr.attentions, query, key);
  const { layer, head } = best;
  const dh = tr.model.headDim;

  const q = slice(tr.queries, [layer, head, query]);
  const keys = Array.from({ length: query + 1 }, (_, j) => slice(tr.keys, [layer, head, j]));
  const values = Array.from({ length: query + 1 }, (_, j) => slice(tr.values, [layer, head, j]));
  const dots = keys.map((kj) => dot(q, kj));
  const scores = Array.from({ length: T }, (_, j) => (j <= query ? dots[j] / Math.sqrt(dh) : -Infinity));
  const weights = slice(tr.attentions, [layer, head, query]);
  const recomputed = Array.from(softmax(scores));
  const maxDiff = recomputed.reduce((m, p, j) => Math.max(m, Math.abs(p - weights[j])), 0);
  const headOut = Array.from({ length: dh }, (_, c) => values.reduce((s, vj, j) => s + weights[j] * vj[c], 0));
  const topValues = values
    .map((v, index) => ({ index, weight: weights[index], v }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .slice(0, 3);

  return {
    model: { id: tr.model.id, version: tr.model.version },
    text: tr.text,
    tokens: tr.tokens.map(({ id, text }) => ({ id, text })),
    query,
    key,
    layer,
    head,
    headDim: dh,
    headCount: L * H,
    weight: best.weight,
    q,
    k: keys[key],
    v: values[key],
    dots,
    scores,
    weights,
    recomputed,
    maxDiff,
    headOut,
    topValues,
    attnNorm: norm(slice(tr.attnOutput, [layer, query])),
    streamNorm: norm(slice(tr.hiddenStates, [layer, query])),
  };
}
