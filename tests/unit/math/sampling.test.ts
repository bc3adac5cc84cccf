import { decodeStep, mulberry32, sample, softmax, topK, topKFilter, topPFilter } from '../../../src/math/index';
import type { Rng } from '../../../src/math/index';
import { assertInDelta, sum } from './assert';

/** An RNG that replays fixed values, to pin inverse-CDF boundaries exactly. */
function fixed(...values: number[]): Rng {
  let i = 0;
  return () => values[i++ % values.length];
}

/** An RNG that fails the test if it is consulted. */
const forbidden: Rng = () => {
  throw new Error('rng must not be called');
};

/** Draw `count` samples and return the observed frequency of each index. */
function frequencies(n: number, count: number, draw: () => number): number[] {
  const hits = new Array<number>(n).fill(0);
  for (let i = 0; i < count; i++) hits[draw()]++;
  return hits.map((h) => h / count);
}

describe('mulberry32', () => {
  it('reproduces the reference stream (golden values from a Python port of the C original)', () => {
    const a = mulberry32(42);
    assertInDelta([a(), a(), a()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099], 1e-15);
    const b = mulberry32(0);
    assertInDelta([b(), b(), b()], [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197], 1e-15);
  });

  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const r = mulberry32(seed);
      return Array.from({ length: 20 }, r);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('reduces the seed to 32 bits', () => {
    expect(mulberry32(2 ** 32)()).toBe(mulberry32(0)());
  });

  it('stays in [0, 1) with mean ≈ ½ and variance ≈ 1/12', () => {
    const r = mulberry32(99);
    const xs = Array.from({ length: 20000 }, r);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    const mean = sum(xs) / xs.length;
    assertInDelta(mean, 0.5, 0.01);
    assertInDelta(sum(xs.map((x) => (x - mean) ** 2)) / xs.length, 1 / 12, 0.005);
  });
});

describe('topK', () => {
  it('returns the k largest, sorted descending, ties by the lower index', () => {
    expect(topK([0.1, 0.3, 0.3, 0.2, 0.1], 3)).toEqual([
      { index: 1, p: 0.3 },
      { index: 2, p: 0.3 },
      { index: 3, p: 0.2 },
    ]);
  });

  it('clamps k to the vector length and returns nothing for k = 0', () => {
    expect(topK([0.2, 0.8], 5).map((r) => r.index)).toEqual([1, 0]);
    expect(topK([0.2, 0.8], 0)).toEqual([]);
  });

  it('orders the same way for small k (insertion) and large k (sort), with many ties', () => {
    const r = mulberry32(3);
    const x = Array.from({ length: 500 }, () => Math.floor(r() * 20) / 20);
    const reference = x
      .map((p, index) => ({ index, p }))
      .sort((a, b) => b.p - a.p || a.index - b.index);
    expect(topK(x, 10)).toEqual(reference.slice(0, 10));
    expect(topK(x, 200)).toEqual(reference.slice(0, 200));
  });
});

describe('topKFilter', () => {
  it('keeps the k most likely tokens and renormalises', () => {
    assertInDelta(topKFilter([0.1, 0.4, 0.2, 0.3], 2), [0, 4 / 7, 0, 3 / 7], 1e-15);
  });

  it('keeps exactly k on ties, preferring the lower index', () => {
    assertInDelta(topKFilter([0.25, 0.25, 0.25, 0.25], 2), [0.5, 0.5, 0, 0], 1e-15);
  });

  it('only renormalises when k ≥ n', () => {
    assertInDelta(topKFilter([1, 3], 10), [0.25, 0.75], 1e-15);
  });

  it('rejects k < 1', () => {
    expect(() => topKFilter([0.5, 0.5], 0)).toThrow(RangeError);
  });
});

describe('topPFilter (nucleus)', () => {
  const p3 = [0.5, 0.3, 0.2];

  it('keeps the smallest prefix whose mass reaches p, counting an exact hit', () => {
    assertInDelta(topPFilter(p3, 0.8), [0.625, 0.375, 0], 1e-12);
    assertInDelta(topPFilter(p3, 0.5), [1, 0, 0], 1e-12);
  });

  it('is not fooled by binary rounding: 0.6 + 0.21 = 0.8099999999999999 still reaches p = 0.81', () => {
    assertInDelta(topPFilter([0.19, 0.21, 0.6], 0.81), [0, 0.21 / 0.81, 0.6 / 0.81], 1e-12);
  });

  it('adds the next token as soon as p exceeds the prefix mass', () => {
    assertInDelta(topPFilter(p3, 0.81), p3, 1e-12);
    assertInDelta(topPFilter(p3, 0.51), [0.625, 0.375, 0], 1e-12);
  });

  it('always keeps the top token, even for tiny or zero p', () => {
    assertInDelta(topPFilter([0.95, 0.03, 0.02], 0.9), [1, 0, 0], 1e-12);
    assertInDelta(topPFilter([0.2, 0.5, 0.3], 0), [0, 1, 0], 1e-12);
  });

  it('keeps every non-zero token for p ≥ 1', () => {
    assertInDelta(topPFilter([0.5, 0, 0.5], 1), [0.5, 0, 0.5], 1e-12);
    assertInDelta(topPFilter([0.1, 0.2, 0.7], 1.5), [0.1, 0.2, 0.7], 1e-12);
  });

  it('ranks by probability, not by position', () => {
    assertInDelta(topPFilter([0.2, 0.5, 0.3], 0.6), [0, 0.625, 0.375], 1e-12);
  });

  it('breaks ties at the boundary toward the lower index', () => {
    assertInDelta(topPFilter([0.4, 0.3, 0.3], 0.6), [4 / 7, 3 / 7, 0], 1e-12);
  });

  it('treats p as a fraction of the total when the input does not sum to 1', () => {
    assertInDelta(topPFilter([2, 1, 1], 0.5), [1, 0, 0], 1e-12);
    assertInDelta(topPFilter([2, 1, 1], 0.6), [2 / 3, 1 / 3, 0], 1e-12);
  });

  it('rejects NaN p and inputs with no mass', () => {
    expect(() => topPFilter(p3, NaN)).toThrow(RangeError);
    expect(() => topPFilter([0, 0], 0.9)).toThrow(RangeError);
  });
});

describe('sample', () => {
  it('inverts the CDF: u falls in [cum_{i−1}, cum_i) → i', () => {
    const p = [0.2, 0.5, 0.3];
    expect(sample(p, fixed(0))).toBe(0);
    expect(sample(p, fixed(0.1999))).toBe(0);
    expect(sample(p, fixed(0.2))).toBe(1);
    expect(sample(p, fixed(0.6999))).toBe(1);
    expect(sample(p, fixed(0.7001))).toBe(2);
    expect(sample(p, fixed(0.999999))).toBe(2);
  });

  it('never returns a zero-probability index', () => {
    expect(sample([0, 0.5, 0.5], fixed(0))).toBe(1);
    expect(sample([0.5, 0.5, 0], fixed(0.9999999999))).toBe(1);
    const r = mulberry32(5);
    for (let i = 0; i < 1000; i++) expect(sample([0, 1, 0, 0], r)).toBe(1);
  });

  it('scales by the total, so weights need not sum to 1', () => {
    expect(sample([2, 5, 3], fixed(0.1))).toBe(0);
    expect(sample([2, 5, 3], fixed(0.5))).toBe(1);
    expect(sample([2, 5, 3], fixed(0.75))).toBe(2);
  });

  it('still returns a valid index when rounding leaves the last cumulative short of u', () => {
    expect(sample([0.3, 0.3, 0.3999999], fixed(1 - 2 ** -32))).toBe(2);
    expect(sample([0.5, 0.5, 0], fixed(1))).toBe(1);
  });

  it('matches the probabilities empirically over many seeded draws', () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const r = mulberry32(2024);
    // 20 000 draws: the standard error of each frequency is at most 0.0035; allow ~4σ.
    assertInDelta(frequencies(4, 20000, () => sample(p, r)), p, 0.015);
  });

  it('rejects negative, NaN or all-zero probabilities', () => {
    expect(() => sample([0.5, -0.1, 0.6], fixed(0.5))).toThrow(RangeError);
    expect(() => sample([NaN, 1], fixed(0.5))).toThrow(RangeError);
    expect(() => sample([0, 0], fixed(0.5))).toThrow(RangeError);
  });
});

describe('decodeStep', () => {
  const logits = Float32Array.from([0.5, 0.3, 0.15, 0.05], Math.log);

  it('is greedy at temperature 0: argmax, p = 1, and no random draw', () => {
    const step = decodeStep([1, 4, 2, 4], { temperature: 0 }, forbidden);
    expect(step.index).toBe(1);
    expect(step.p).toBe(1);
    expect(Array.from(step.probs)).toEqual([0, 1, 0, 0]);
  });

  it('returns the softmax itself when no truncation is asked for (topK 0 means off)', () => {
    const step = decodeStep(logits, { temperature: 1, topK: 0 }, fixed(0.6));
    assertInDelta(step.probs, [0.5, 0.3, 0.15, 0.05], 1e-7);
    expect(step.index).toBe(1);
    assertInDelta(step.p, 0.3, 1e-7);
  });

  it('applies temperature, then top-k, then top-p, and samples from the result', () => {
    // Top-3 gives [0.5, 0.3, 0.15] / 0.95; its top-0.8 nucleus is {0, 1} (0.526 + 0.316 ≥ 0.8).
    const step = decodeStep(logits, { temperature: 1, topK: 3, topP: 0.8 }, fixed(0.7));
    assertInDelta(step.probs, [0.625, 0.375, 0, 0], 1e-7);
    expect(step.index).toBe(1);
    assertInDelta(step.p, 0.375, 1e-7);
  });

  it('always picks the top token with topK = 1, whatever the draw', () => {
    for (const u of [0, 0.5, 0.999]) {
      const step = decodeStep(logits, { temperature: 1.5, topK: 1 }, fixed(u));
      expect(step.index).toBe(0);
      expect(step.p).toBe(1);
    }
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const run = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 40 }, () => decodeStep(logits, { temperature: 1.2, topP: 0.95 }, rng).index);
    };
    expect(run(123)).toEqual(run(123));
    expect(run(123)).not.toEqual(run(124));
  });

  it('samples at the tempered frequencies', () => {
    const rng = mulberry32(11);
    const expected = softmax(logits, 2);
    const observed = frequencies(4, 20000, () => decodeStep(logits, { temperature: 2 }, rng).index);
    assertInDelta(observed, expected, 0.015);
  });
});
