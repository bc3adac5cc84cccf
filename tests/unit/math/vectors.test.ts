import { describe, expect, it } from 'vitest';
import { cosine, cosineByDistance, cosineNeighbours, rowNorms, sinusoidalPositions } from '../../../src/math/index';
import { assertInDelta } from './assert';

describe('cosine and rowNorms', () => {
  it('measure angles and lengths', () => {
    assertInDelta(cosine([1, 0], [0, 2]), 0, 0);
    assertInDelta(cosine([1, 1], [2, 2]), 1, 1e-15);
    assertInDelta(cosine([1, 2, 3], [-1, -2, -3]), -1, 1e-15);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    assertInDelta(rowNorms([3, 4, 0, 0, 1, 0], 3, 2), [5, 0, 1], 0);
  });
});

describe('cosineNeighbours', () => {
  // Rows at 0°, 10°, 90°, 180° and 5° (scaled ×3: length must not matter).
  const deg = [0, 10, 90, 180, 5];
  const rows = deg.flatMap((a, i) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)].map((v) => (i === 4 ? 3 * v : v)));

  it('ranks every other row by cosine, excluding the query row', () => {
    const ns = cosineNeighbours(rows, 5, 2, 0, 4);
    expect(ns.map((x) => x.index)).toEqual([4, 1, 2, 3]);
    assertInDelta(ns.map((x) => x.cosine), [Math.cos(Math.PI / 36), Math.cos(Math.PI / 18), 0, -1], 1e-12);
  });

  it('returns at most k, and accepts precomputed norms', () => {
    expect(cosineNeighbours(rows, 5, 2, 2, 2, rowNorms(rows, 5, 2)).map((x) => x.index)).toEqual([1, 4]);
    expect(() => cosineNeighbours(rows, 5, 2, 5, 2)).toThrow(RangeError);
  });
});

describe('sinusoidalPositions', () => {
  it('follows Vaswani et al.: sin on even, cos on odd dimensions, frequency falling with i', () => {
    const d = 4;
    const pe = sinusoidalPositions(3, d);
    assertInDelta(pe.subarray(0, 4), [0, 1, 0, 1], 0);
    assertInDelta(pe.subarray(8, 12), [Math.sin(2), Math.cos(2), Math.sin(2 / 100), Math.cos(2 / 100)], 1e-7);
  });
});

describe('cosineByDistance', () => {
  it('is 1 at distance 0 and follows the rows’ angle as they rotate', () => {
    // Row i at angle 30°·i: two rows Δ apart always have cosine cos(30°·Δ).
    const n = 6;
    const m = Array.from({ length: n }, (_, i) => [Math.cos((i * Math.PI) / 6), Math.sin((i * Math.PI) / 6)]).flat();
    const c = cosineByDistance(m, n, 2, 6);
    assertInDelta(c.subarray(0, 6), [0, 1, 2, 3, 4, 5].map((k) => Math.cos((k * Math.PI) / 6)), 1e-12);
    expect(c[6]).toBeNaN();
  });
});
