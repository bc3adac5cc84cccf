import { argmax, logSoftmax, logSumExp, softmax } from '../../../src/math/index';
import { assertInDelta, sum } from './assert';

// Golden values from NumPy: e = exp(x - max(x)); e / e.sum().
const SOFTMAX_123 = [0.09003057317, 0.244728471055, 0.665240955775];

describe('softmax', () => {
  it('matches hand-computed values for [1, 2, 3]', () => {
    assertInDelta(softmax([1, 2, 3]), SOFTMAX_123, 1e-9);
  });

  it('sums to 1 and stays in [0, 1] for mixed-scale logits', () => {
    const p = softmax([-3.2, 0, 7.5, 2.25, -40, 11]);
    assertInDelta(sum(p), 1, 1e-12);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('is invariant to adding a constant to every logit', () => {
    const logits = [0.3, -1.2, 2.8, 0];
    assertInDelta(softmax(logits.map((x) => x + 123.4)), softmax(logits), 1e-12);
  });

  it('does not overflow on huge logits (the max is subtracted first)', () => {
    assertInDelta(softmax([1001, 1002, 1003]), SOFTMAX_123, 1e-9);
    assertInDelta(softmax([-1e4, -1e4 + 1, -1e4 + 2]), SOFTMAX_123, 1e-9);
  });

  it('accepts Float32Array logits, as the model returns them', () => {
    assertInDelta(softmax(new Float32Array([1, 2, 3])), SOFTMAX_123, 1e-7);
  });

  it('divides logits by the temperature', () => {
    assertInDelta(softmax([1, 2, 3], 0.5), [0.015876239976, 0.117310427826, 0.866813332197], 1e-9);
    assertInDelta(softmax([1, 2, 3], 2), [0.186323723226, 0.307195885718, 0.506480391056], 1e-9);
  });

  it('tends to one-hot as T → 0 and gives exactly one-hot (greedy) for T ≤ 0', () => {
    const cold = softmax([1, 2, 3], 0.01);
    expect(cold[1]).toBeLessThan(1e-40);
    assertInDelta(cold[2], 1, 1e-15);
    expect(Array.from(softmax([1, 3, 2], 0))).toEqual([0, 1, 0]);
    expect(Array.from(softmax([1, 3, 2], -1))).toEqual([0, 1, 0]);
  });

  it('breaks greedy ties toward the lower index', () => {
    expect(Array.from(softmax([2, 5, 5, 1], 0))).toEqual([0, 1, 0, 0]);
  });

  it('tends to uniform as T → ∞', () => {
    assertInDelta(softmax([1, 2, 3], 1e6), [1 / 3, 1 / 3, 1 / 3], 1e-6);
    assertInDelta(softmax([1, 2, 3], Infinity), [1 / 3, 1 / 3, 1 / 3], 1e-15);
  });

  it('gives -Infinity logits probability exactly 0, at any temperature', () => {
    const logits = [1, -Infinity, 2, 3, -Infinity];
    const p = softmax(logits);
    expect(p[1]).toBe(0);
    expect(p[4]).toBe(0);
    assertInDelta([p[0], p[2], p[3]], SOFTMAX_123, 1e-9);
    assertInDelta(softmax(logits, Infinity), [1 / 3, 0, 1 / 3, 1 / 3, 0], 1e-15);
  });

  it('shares the mass among +Infinity logits', () => {
    expect(Array.from(softmax([0, Infinity, 5, Infinity]))).toEqual([0, 0.5, 0, 0.5]);
  });

  it('rejects inputs that have no distribution', () => {
    expect(() => softmax([])).toThrow(RangeError);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(RangeError);
    expect(() => softmax([1, NaN])).toThrow(RangeError);
    expect(() => softmax([1, 2], NaN)).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const logits = new Float32Array([3, 1, 2]);
    softmax(logits, 0.7);
    expect(Array.from(logits)).toEqual([3, 1, 2]);
  });
});

describe('logSumExp', () => {
  it('matches a hand-computed value', () => {
    // log(e² + e⁻¹ + e^0.5 + e³), NumPy.
    assertInDelta(logSumExp([2, -1, 0.5, 3]), 3.3840917012886904, 1e-12);
  });

  it('is ln n for n zeros and stays finite for huge inputs', () => {
    assertInDelta(logSumExp([0, 0, 0, 0]), Math.log(4), 1e-15);
    assertInDelta(logSumExp([1000, 1000]), 1000 + Math.LN2, 1e-12);
  });

  it('ignores -Infinity entries and handles the degenerate cases', () => {
    assertInDelta(logSumExp([0, -Infinity, 0]), Math.LN2, 1e-15);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity])).toBe(-Infinity);
    expect(logSumExp([1, Infinity])).toBe(Infinity);
  });
});

describe('logSoftmax', () => {
  it('matches hand-computed values', () => {
    assertInDelta(
      logSoftmax([2, -1, 0.5, 3]),
      [-1.384091701289, -4.384091701289, -2.884091701289, -0.384091701289],
      1e-11,
    );
  });

  it('agrees with log(softmax) and keeps precision where softmax underflows to 0', () => {
    const logits = [0, 1, -2.5];
    assertInDelta(logSoftmax(logits, 0.8), Array.from(softmax(logits, 0.8), Math.log), 1e-12);
    const tiny = logSoftmax([0, -2000]);
    expect(softmax([0, -2000])[1]).toBe(0);
    assertInDelta(tiny[1], -2000, 1e-9);
  });

  it('is the log of a one-hot for T ≤ 0', () => {
    expect(Array.from(logSoftmax([1, 3, 2], 0))).toEqual([-Infinity, 0, -Infinity]);
  });
});

describe('argmax', () => {
  it('returns the index of the largest entry, the lowest on ties', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([4, 9, 9, -1])).toBe(1);
    expect(argmax([-Infinity, -5])).toBe(1);
  });

  it('rejects an empty input', () => {
    expect(() => argmax([])).toThrow(RangeError);
  });
});
