/**
 * The logit lens (nostalgebraist, 2020): decode any layer's residual stream as if it were the
 * last one, through the final LayerNorm (ln_f) and the tied unembedding (the token-embedding
 * matrix wte, used transposed). For the last layer this is exactly GPT-2's own output head.
 * Pure and dependency-free, so it runs in pages, workers, Node tests and the example script.
 * @see https://www.lesswrong.com/posts/AcKRB8wDpdaN6v6ru/interpreting-gpt-the-logit-lens
 */
import { layerNorm } from './linalg';
import { logSumExp } from './softmax';
import { topK } from './sampling';

/** ln_f's learned gain and shift (length d each) and its epsilon, as weights.json ships them. */
export interface FinalNorm {
  weight: ArrayLike<number>;
  bias: ArrayLike<number>;
  eps: number;
}

/** The unembedding: wte as shipped, row-major [vocab][d]. */
export interface Unembedding {
  wte: ArrayLike<number>;
  vocab: number;
  d: number;
}

/** One candidate of a lens cell: token id and its probability under the lens (0..1). */
export interface LensEntry {
  id: number;
  p: number;
}

/**
 * Logits for one residual-stream vector: wte · ln_f(h), one score per vocabulary token.
 *
 * @param h length d, one position's residual stream before the final LayerNorm.
 * @returns length vocab.
 */
export function lensLogits(h: ArrayLike<number>, norm: FinalNorm, un: Unembedding): Float64Array {
  const { wte, vocab, d } = un;
  if (h.length !== d) throw new RangeError(`lensLogits: h has length ${h.length}, expected ${d}`);
  if (wte.length !== vocab * d) throw new RangeError(`lensLogits: wte has ${wte.length} entries, expected ${vocab}×${d}`);
  const x = layerNorm(h, norm.weight, norm.bias, norm.eps);
  const out = new Float64Array(vocab);
  for (let v = 0; v < vocab; v++) {
    let s = 0;
    const o = v * d;
    for (let c = 0; c < d; c++) s += wte[o + c] * x[c];
    out[v] = s;
  }
  return out;
}

/**
 * The k most likely tokens for one residual-stream vector under the lens, with their softmax
 * probabilities over the whole vocabulary (exp(logit − logSumExp)), highest first.
 */
export function lensTop(h: ArrayLike<number>, norm: FinalNorm, un: Unembedding, k = 5): LensEntry[] {
  const logits = lensLogits(h, norm, un);
  const lse = logSumExp(logits);
  return topK(logits, k).map(({ index }) => ({ id: index, p: Math.exp(logits[index] - lse) }));
}

/**
 * The lens over a whole trace: `hidden` is [L+1][T][d] row-major (hidden_states; row 0 is
 * embedding + position, row l the stream after block l). Returns [L+1][T] cells of top-k.
 */
export function logitLens(hidden: ArrayLike<number>, layers: number, tokens: number, norm: FinalNorm, un: Unembedding, k = 5): LensEntry[][][] {
  const { d } = un;
  if (hidden.length !== layers * tokens * d) {
    throw new RangeError(`logitLens: hidden has ${hidden.length} entries, expected ${layers}×${tokens}×${d}`);
  }
  const row = (l: number, t: number) => {
    const o = (l * tokens + t) * d;
    return Array.prototype.slice.call(hidden, o, o + d) as number[];
  };
  return Array.from({ length: layers }, (_, l) => Array.from({ length: tokens }, (_, t) => lensTop(row(l, t), norm, un, k)));
}
