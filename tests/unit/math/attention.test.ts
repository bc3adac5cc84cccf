import { describe, expect, it } from 'vitest';
import { attentionFromQK, strongestHead, topEntries } from '../../../src/math/attention';
import { assertInDelta, sum } from './assert';

describe('attentionFromQK', () => {
  it('is softmax(QKᵀ/√dh) with the causal mask, by hand for T = 2, dh = 1', () => {
    const a = attentionFromQK([1, 2], [3, 4], 2, 1);
    // Row 0 sees only key 0. Row 1: scores 2·3 = 6 and 2·4 = 8, softmax = [1, e²] / (1 + e²).
    assertInDelta(a, [1, 0, 1 / (1 + Math.E ** 2), Math.E ** 2 / (1 + Math.E ** 2)], 1e-12);
  });

  it('divides the scores by √dh', () => {
    // dh = 4, q·k = 8 for key 1 and 0 for key 0: scaled scores 0 and 8/2 = 4.
    const q = [0, 0, 0, 0, 2, 2, 2, 2];
    const k = [0, 0, 0, 0, 1, 1, 1, 1];
    const a = attentionFromQK(q, k, 2, 4);
    assertInDelta(a[3], Math.exp(4) / (1 + Math.exp(4)), 1e-12);
  });

  it('gives rows that sum to 1 and an upper triangle of exact zeros', () => {
    const T = 7;
    const dh = 5;
    const rand = (i: number) => Math.sin(i * 12.9898) * 3;
    const q = Float32Array.from({ length: T * dh }, (_, i) => rand(i));
    const k = Float32Array.from({ length: T * dh }, (_, i) => rand(i + 1000));
    const a = attentionFromQK(q, k, T, dh);
    for (let i = 0; i < T; i++) {
      assertInDelta(sum(a.subarray(i * T, (i + 1) * T)), 1, 1e-12);
      for (let j = i + 1; j < T; j++) expect(a[i * T + j]).toBe(0);
    }
  });

  it('handles an empty sequence and rejects inconsistent sizes', () => {
    expect(attentionFromQK([], [], 0, 32)).toHaveLength(0);
    expect(() => attentionFromQK([1, 2], [1], 1, 2)).toThrow(RangeError);
    expect(() => attentionFromQK([1], [1], 1, 0)).toThrow(RangeError);
  });
});

describe('strongestHead', () => {
  // [L=2][H=3][T=3][T=3]; only the weight query 2 → key 0 varies between heads.
  const L = 2;
  const H = 3;
  const T = 3;
  const make = (w: number[]) => {
    const data = new Float32Array(L * H * T * T);
    w.forEach((x, lh) => (data[(lh * T + 2) * T + 0] = x));
    return { data, shape: [L, H, T, T] as const };
  };

  it('finds the head with the most weight from query to key, 0-based', () => {
    const r = strongestHead(make([0.1, 0.2, 0.3, 0.05, 0.5, 0.4]), 2, 0);
    expect(r.layer).toBe(1);
    expect(r.head).toBe(1);
    assertInDelta(r.weight, 0.5, 1e-7);
  });

  it('breaks ties towards the lowest layer, then head', () => {
    expect(strongestHead(make([0.2, 0.5, 0.5, 0.5, 0, 0]), 2, 0)).toMatchObject({ layer: 0, head: 1 });
  });

  it('rejects indices outside the text and tensors of the wrong shape', () => {
    expect(() => strongestHead(make([0, 0, 0, 0, 0, 0]), 3, 0)).toThrow(RangeError);
    expect(() => strongestHead(make([0, 0, 0, 0, 0, 0]), 0, -1)).toThrow(RangeError);
    expect(() => strongestHead({ data: [1], shape: [1, 1, 1] }, 0, 0)).toThrow(RangeError);
  });
});

describe('topEntries', () => {
  it('returns the largest entries descending, ties by lower index', () => {
    expect(topEntries([0.1, 0.6, 0.2, 0.1], 3)).toEqual([
      { index: 1, weight: 0.6 },
      { index: 2, weight: 0.2 },
      { index: 0, weight: 0.1 },
    ]);
    expect(topEntries([0.5], 3)).toEqual([{ index: 0, weight: 0.5 }]);
    expect(topEntries([], 3)).toEqual([]);
  });
});
