/**
 * Choosing the next token: ranking, top-k and nucleus (top-p) truncation, a seeded random number
 * generator and inverse-CDF sampling, composed by {@link decodeStep}.
 *
 * The RNG is always passed in, so a seed reproduces a generation exactly and tests can pin draws.
 */

import { argmax, softmax } from './softmax';

/** A uniform random number generator: each call returns a float in [0, 1). */
export type Rng = () => number;

/** One ranked candidate: its index (token id) and its probability. */
export interface Ranked {
  index: number;
  p: number;
}

/** Below this k a bounded insertion buffer (O(n·k)) beats sorting every index (O(n log n)). */
const INSERTION_MAX_K = 32;

/**
 * Relative slack when comparing a cumulative sum against the nucleus threshold, so that
 * [0.6, 0.21, 0.19] with p = 0.81 keeps two tokens even though 0.6 + 0.21 = 0.8099999999999999 in binary.
 */
const NUCLEUS_REL_TOL = 1e-9;

/**
 * Indices of the k largest entries, largest first, ties by the lower index.
 * NaN entries are not allowed (callers validate).
 */
function rankIndices(x: ArrayLike<number>, k: number): Int32Array {
  const n = x.length;
  const before = (a: number, b: number) => x[a] > x[b] || (x[a] === x[b] && a < b);
  if (k > INSERTION_MAX_K) {
    const all = Array.from({ length: n }, (_, i) => i);
    all.sort((a, b) => (before(a, b) ? -1 : 1));
    return Int32Array.from(all.slice(0, k));
  }
  const idx = new Int32Array(k);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    // Indices arrive in increasing order, so an equal value never displaces an earlier one.
    if (len === k && !(v > x[idx[k - 1]])) continue;
    let j = len < k ? len : k - 1;
    while (j > 0 && v > x[idx[j - 1]]) {
      idx[j] = idx[j - 1];
      j--;
    }
    idx[j] = i;
    if (len < k) len++;
  }
  return idx;
}

function assertNoNaN(x: ArrayLike<number>, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) throw new RangeError(`${what}: NaN at index ${i}`);
  }
}

/** Probabilities (or unnormalised weights) must be finite and ≥ 0; returns their sum. */
function checkedMass(probs: ArrayLike<number>, what: string): number {
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const v = probs[i];
    if (!(v >= 0) || v === Infinity) throw new RangeError(`${what}: invalid probability ${v} at index ${i}`);
    total += v;
  }
  if (!(total > 0)) throw new RangeError(`${what}: probabilities sum to 0`);
  return total;
}

/** Copies the chosen entries into a zero vector of length n and rescales them to sum to 1. */
function keepOnly(probs: ArrayLike<number>, keep: ArrayLike<number>, what: string): Float64Array {
  const out = new Float64Array(probs.length);
  let s = 0;
  for (let j = 0; j < keep.length; j++) s += probs[keep[j]];
  if (!(s > 0)) throw new RangeError(`${what}: the kept tokens have zero probability`);
  for (let j = 0; j < keep.length; j++) out[keep[j]] = probs[keep[j]] / s;
  return out;
}

/**
 * The k highest-scoring entries, highest first; equal scores are ordered by the lower index.
 *
 * @param probs length n, no NaN; probabilities, but any scores (e.g. logits) rank the same way.
 * @param k how many to return; clamped to [0, n], fractional k rounds down.
 * @returns min(k, n) candidates with `p` copied from `probs`.
 */
export function topK(probs: ArrayLike<number>, k: number): Ranked[] {
  if (Number.isNaN(k)) throw new RangeError('topK: k is NaN');
  assertNoNaN(probs, 'topK');
  const m = Math.max(0, Math.min(probs.length, Math.floor(k)));
  return Array.from(rankIndices(probs, m), (index) => ({ index, p: probs[index] }));
}

/**
 * Top-k truncation: keep exactly the k most likely tokens (ties by lower index), zero the rest,
 * renormalise.
 *
 * @param probs length n, entries ≥ 0 (need not sum exactly to 1).
 * @param k integer ≥ 1; k ≥ n keeps everything (just renormalises).
 * @returns length n, summing to 1, with at most k non-zero entries.
 */
export function topKFilter(probs: ArrayLike<number>, k: number): Float64Array {
  if (!(k >= 1)) throw new RangeError(`topKFilter: k must be ≥ 1, got ${k}`);
  checkedMass(probs, 'topKFilter');
  return keepOnly(probs, rankIndices(probs, Math.min(probs.length, Math.floor(k))), 'topKFilter');
}

/**
 * Nucleus (top-p) truncation (Holtzman et al. 2019, https://arxiv.org/abs/1904.09751): keep the
 * smallest set of most likely tokens whose cumulative probability is ≥ p, zero the rest,
 * renormalise. The top token is always kept, so p ≤ 0 is greedy; p ≥ 1 keeps every token with
 * non-zero probability. Ties at the boundary go to the lower index.
 *
 * @param probs length n, entries ≥ 0; if they do not sum to 1, p is a fraction of their sum.
 * @param p target cumulative probability, dimensionless, usually in (0, 1].
 * @returns length n, summing to 1.
 */
export function topPFilter(probs: ArrayLike<number>, p: number): Float64Array {
  if (Number.isNaN(p)) throw new RangeError('topPFilter: p is NaN');
  checkedMass(probs, 'topPFilter');
  const nonzero: number[] = [];
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) nonzero.push(i);
  nonzero.sort((a, b) => probs[b] - probs[a] || a - b);
  if (p >= 1) return keepOnly(probs, nonzero, 'topPFilter');
  // Summing in the same (sorted) order as the scan below makes the last cumulative equal the total.
  let total = 0;
  for (const i of nonzero) total += probs[i];
  const threshold = p * total * (1 - NUCLEUS_REL_TOL);
  let cum = 0;
  let count = 0;
  while (count < nonzero.length) {
    cum += probs[nonzero[count]];
    count++;
    if (cum >= threshold) break;
  }
  return keepOnly(probs, nonzero.slice(0, count), 'topPFilter');
}

/**
 * Mulberry32, a small, fast 32-bit seeded PRNG (Tommy Ettinger, public domain;
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c).
 * Good enough for choosing tokens; not for cryptography.
 *
 * @param seed any number; reduced to an unsigned 32-bit integer, so 0 and 2³² give the same stream.
 * @returns a generator of floats in [0, 1), multiples of 2⁻³².
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws one index by inverse CDF: u = rng() · Σp, return the first i with p₀ + … + pᵢ > u.
 * Entries with probability 0 are never returned. Consumes exactly one number from `rng`.
 *
 * @param probs length n, entries ≥ 0; they need not sum exactly to 1 (they are scaled by their sum).
 * @param rng uniform in [0, 1).
 * @returns an index in [0, n).
 */
export function sample(probs: ArrayLike<number>, rng: Rng): number {
  const total = checkedMass(probs, 'sample');
  const u = rng() * total;
  let cum = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (u < cum) return i;
  }
  // Only reachable when rounding leaves the running sum a hair below u (or rng() returned 1).
  return last;
}

/** Decoding settings for one step. */
export interface DecodeOptions {
  /** Divides the logits; ≤ 0 means greedy (argmax, no random draw). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens; undefined or 0 means no top-k truncation. */
  topK?: number;
  /** Nucleus mass; undefined means no truncation, ≥ 1 keeps everything. */
  topP?: number;
}

/** The outcome of one decoding step. */
export interface DecodeResult {
  /** The chosen token id. */
  index: number;
  /** Its probability under `probs`, the final (truncated, renormalised) distribution. */
  p: number;
  /** Length n (the vocabulary): the distribution actually sampled from, summing to 1. */
  probs: Float64Array;
}

/**
 * One step of autoregressive decoding, in the usual order: softmax with temperature, then top-k,
 * then top-p, then sample. Greedy steps (temperature ≤ 0) take the argmax and draw nothing from
 * `rng`; sampled steps draw exactly one number.
 *
 * @param logits length n (the vocabulary), no NaN.
 * @param opts temperature, topK, topP (see {@link DecodeOptions}).
 * @param rng uniform in [0, 1), e.g. {@link mulberry32}.
 */
export function decodeStep(logits: ArrayLike<number>, opts: DecodeOptions, rng: Rng): DecodeResult {
  const temperature = opts.temperature ?? 1;
  let probs = softmax(logits, temperature);
  if (opts.topK !== undefined && opts.topK !== 0) probs = topKFilter(probs, opts.topK);
  if (opts.topP !== undefined) probs = topPFilter(probs, opts.topP);
  const index = temperature <= 0 ? argmax(probs) : sample(probs, rng);
  return { index, p: probs[index], probs };
}
