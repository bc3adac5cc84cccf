/**
 * Information measures. Natural logs throughout, so everything is in nats; {@link bits} converts.
 */

import { logSumExp } from './softmax';

/**
 * Shannon entropy H(p) = −Σ pᵢ ln pᵢ, in nats, with 0 · ln 0 = 0.
 *
 * The uniform distribution over n outcomes has the maximum, ln n; a one-hot has 0.
 *
 * @param p length n, a probability vector (entries in [0, 1] summing to 1; not renormalised here).
 * @returns nats, ≥ 0.
 */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi < 0 || Number.isNaN(pi)) throw new RangeError(`entropy: invalid probability ${pi} at index ${i}`);
    if (pi > 0) h -= pi * Math.log(pi);
  }
  return h;
}

/**
 * Converts nats to bits (shannons): 1 nat = 1 / ln 2 ≈ 1.4427 bits.
 *
 * @param nats a quantity in nats, e.g. an entropy or a loss.
 * @returns the same quantity in bits.
 */
export function bits(nats: number): number {
  return nats / Math.LN2;
}

/**
 * Cross-entropy loss of one prediction, in nats: −log softmax(logits)[target]
 * = logSumExp(logits) − logits[target]. This is the per-token training loss of a language model.
 *
 * @param logits length n (the vocabulary), no NaN.
 * @param targetIndex the true next token, an integer in [0, n).
 * @returns nats, ≥ 0; `Infinity` if the target's logit is `-Infinity`.
 */
export function crossEntropy(logits: ArrayLike<number>, targetIndex: number): number {
  if (!Number.isInteger(targetIndex) || targetIndex < 0 || targetIndex >= logits.length) {
    throw new RangeError(`crossEntropy: target ${targetIndex} outside [0, ${logits.length})`);
  }
  const target = logits[targetIndex];
  if (target === -Infinity) return Infinity;
  return logSumExp(logits) - target;
}

/**
 * Perplexity exp(mean loss): the effective number of equally likely choices the model hesitates
 * between. A uniform guess over n tokens has perplexity n.
 *
 * @param nats a mean cross-entropy in nats, or a list of per-token losses in nats (averaged here).
 * @returns dimensionless, ≥ 1 for non-negative losses.
 */
export function perplexity(nats: number | ArrayLike<number>): number {
  if (typeof nats === 'number') return Math.exp(nats);
  if (nats.length === 0) throw new RangeError('perplexity: no losses');
  let s = 0;
  for (let i = 0; i < nats.length; i++) s += nats[i];
  return Math.exp(s / nats.length);
}
