/**
 * Causal self-attention weights, recomputed from queries and keys, and look-ups over the
 * model's exported attention tensor. Pure; inputs are never modified.
 */
import { softmax } from './softmax';

/** A row-major tensor: `TensorF32` from src/model satisfies this without math depending on it. */
export interface Dense {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

/**
 * softmax(Q·Kᵀ / √dh + causal mask) for one head: row q holds the weights query q gives to
 * every key k ≤ q; keys after q are masked (−∞ before the softmax), so their weight is exactly 0.
 *
 * @param q queries, row-major [T][dh].
 * @param k keys, row-major [T][dh].
 * @param T sequence length in tokens.
 * @param dh head size (32 for the site model); the scores are divided by √dh.
 * @returns row-major [T][T]; each row sums to 1 up to rounding.
 */
export function attentionFromQK(q: ArrayLike<number>, k: ArrayLike<number>, T: number, dh: number): Float64Array {
  if (!Number.isInteger(T) || T < 0 || !Number.isInteger(dh) || dh < 1) {
    throw new RangeError(`attentionFromQK: bad sizes T=${T}, dh=${dh}`);
  }
  if (q.length !== T * dh || k.length !== T * dh) {
    throw new RangeError(`attentionFromQK: q and k need ${T}×${dh} = ${T * dh} numbers, got ${q.length} and ${k.length}`);
  }
  const out = new Float64Array(T * T);
  const scale = 1 / Math.sqrt(dh);
  const scores = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      if (j > i) {
        scores[j] = -Infinity;
        continue;
      }
      let dot = 0;
      for (let c = 0; c < dh; c++) dot += q[i * dh + c] * k[j * dh + c];
      scores[j] = dot * scale;
    }
    out.set(softmax(scores), i * T);
  }
  return out;
}

export interface HeadWeight {
  /** 0-based; the site shows layer + 1. */
  layer: number;
  /** 0-based; the site shows head + 1. */
  head: number;
  /** Attention weight in [0, 1]. */
  weight: number;
}

/**
 * The head, over every layer, that gives the most weight from `query` to `key`, e.g. from
 * "it" to "cat". Ties go to the lowest layer, then the lowest head.
 *
 * @param attentions [L][H][T][T], rows = queries, as `Trace.attentions`.
 * @param query 0-based token index.
 * @param key 0-based token index, ≤ query (a later key always has weight 0).
 */
export function strongestHead(attentions: Dense, query: number, key: number): HeadWeight {
  const [L, H, T, T2] = attentions.shape;
  if (attentions.shape.length !== 4 || T !== T2) {
    throw new RangeError(`strongestHead: expected [L][H][T][T], got [${attentions.shape.join(',')}]`);
  }
  if (L * H === 0) throw new RangeError('strongestHead: no heads');
  for (const [name, i] of [
    ['query', query],
    ['key', key],
  ] as const) {
    if (!Number.isInteger(i) || i < 0 || i >= T) throw new RangeError(`strongestHead: ${name} ${i} is outside 0..${T - 1}`);
  }
  let best: HeadWeight = { layer: 0, head: 0, weight: -Infinity };
  for (let l = 0; l < L; l++) {
    for (let h = 0; h < H; h++) {
      const w = attentions.data[((l * H + h) * T + query) * T + key];
      if (w > best.weight) best = { layer: l, head: h, weight: w };
    }
  }
  return best;
}

/**
 * The `n` largest entries of `row`, descending, as `{ index, weight }`; ties keep the lower
 * index first. Used for the percentage labels on the strongest keys.
 */
export function topEntries(row: ArrayLike<number>, n: number): { index: number; weight: number }[] {
  const idx = Array.from({ length: row.length }, (_, i) => i);
  idx.sort((a, b) => row[b] - row[a] || a - b);
  return idx.slice(0, Math.max(0, n)).map((index) => ({ index, weight: row[index] }));
}
