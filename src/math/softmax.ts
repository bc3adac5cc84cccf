/**
 * Softmax and its relatives over a vector of logits.
 *
 * Logits are unnormalised log-probabilities in nats: any real number, `-Infinity` for a token that
 * is masked out. Every function here is pure; inputs are never modified.
 */

/** A NaN logit has no place in a distribution; failing loudly beats sampling garbage. */
function assertNoNaN(x: ArrayLike<number>, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) throw new RangeError(`${what}: NaN at index ${i}`);
  }
}

/**
 * Index of the largest entry; ties go to the lowest index, so greedy decoding is deterministic.
 *
 * @param x length n ≥ 1, no NaN.
 * @returns an integer in [0, n).
 */
export function argmax(x: ArrayLike<number>): number {
  if (x.length === 0) throw new RangeError('argmax: empty input');
  assertNoNaN(x, 'argmax');
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/**
 * log Σᵢ exp(xᵢ), computed as m + log Σᵢ exp(xᵢ − m) with m = max x so nothing overflows.
 *
 * @param x length n, no NaN. Entries may be ±Infinity.
 * @returns a scalar in the units of x; `-Infinity` for an empty or all-`-Infinity` input,
 *   `+Infinity` if any entry is `+Infinity`.
 */
export function logSumExp(x: ArrayLike<number>): number {
  assertNoNaN(x, 'logSumExp');
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}

/**
 * Probabilities pᵢ = exp(zᵢ / T) / Σⱼ exp(zⱼ / T).
 *
 * Numerically stable: the max logit is subtracted first, so logits of ±1e4 are fine.
 * - `temperature <= 0` is the T → 0⁺ limit: a one-hot vector on {@link argmax} (greedy decoding).
 * - `temperature = Infinity` gives the uniform distribution over the entries that are not `-Infinity`.
 * - `-Infinity` logits get probability exactly 0.
 * - If some logits are `+Infinity`, the mass is shared equally among them (the limit of making them large).
 *
 * @param logits length n ≥ 1, no NaN, not all `-Infinity`.
 * @param temperature dimensionless; divides the logits. Default 1 (the model's own distribution).
 * @returns length n, entries in [0, 1], summing to 1 up to rounding.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  if (n === 0) throw new RangeError('softmax: empty input');
  if (Number.isNaN(temperature)) throw new RangeError('softmax: temperature is NaN');
  assertNoNaN(logits, 'softmax');
  const out = new Float64Array(n);
  if (temperature <= 0) {
    out[argmax(logits)] = 1;
    return out;
  }
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > m) m = logits[i];
  if (m === -Infinity) throw new RangeError('softmax: every logit is -Infinity');
  if (m === Infinity) {
    let count = 0;
    for (let i = 0; i < n; i++) if (logits[i] === Infinity) count++;
    for (let i = 0; i < n; i++) out[i] = logits[i] === Infinity ? 1 / count : 0;
    return out;
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i] - m;
    // With T = Infinity, -Infinity / Infinity would be NaN; a masked token stays at 0 instead.
    const e = z === -Infinity ? 0 : Math.exp(z / temperature);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[i] /= s;
  return out;
}

/**
 * log softmax(z / T), in nats, computed without forming the probabilities (no log(0) underflow
 * for very unlikely tokens).
 *
 * `temperature <= 0` gives 0 at the argmax and `-Infinity` elsewhere (the log of a one-hot).
 *
 * @param logits length n ≥ 1, no NaN, not all `-Infinity`, none `+Infinity`.
 * @param temperature dimensionless, default 1.
 * @returns length n, entries ≤ 0, with Σ exp(entry) = 1.
 */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  if (n === 0) throw new RangeError('logSoftmax: empty input');
  if (Number.isNaN(temperature)) throw new RangeError('logSoftmax: temperature is NaN');
  const out = new Float64Array(n);
  if (temperature <= 0) {
    out.fill(-Infinity);
    out[argmax(logits)] = 0;
    return out;
  }
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // As in softmax: keep a masked token masked when T = Infinity.
    scaled[i] = logits[i] === -Infinity ? -Infinity : logits[i] / temperature;
  }
  const lse = logSumExp(scaled);
  if (!Number.isFinite(lse)) throw new RangeError('logSoftmax: logits must include a finite maximum');
  for (let i = 0; i < n; i++) out[i] = scaled[i] - lse;
  return out;
}
