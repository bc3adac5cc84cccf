import { layerNorm, matVec, mulberry32, pca } from '../../../src/math/index';
import { assertInDelta, sum } from './assert';

describe('matVec', () => {
  it('multiplies a row-major [rows][cols] matrix by a vector', () => {
    const m = [1, 2, 3, 4, 5, 6]; // [[1, 2, 3], [4, 5, 6]]
    assertInDelta(matVec(m, [1, 0, -1], 2), [-2, -2], 0);
    assertInDelta(matVec(m, [0.5, 1, 2], 2, 3), [8.5, 19], 1e-15);
  });

  it('rejects shapes that do not fit', () => {
    expect(() => matVec([1, 2, 3, 4, 5, 6], [1, 2], 2)).toThrow(RangeError);
    expect(() => matVec([1, 2, 3, 4, 5, 6], [1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});

describe('layerNorm', () => {
  it('matches a hand-computed value (NumPy, biased variance, eps 1e-5)', () => {
    const y = layerNorm([1, 2, 3, 4], [1, 0.5, 2, -1], [0, 1, -1, 0.5], 1e-5);
    assertInDelta(y, [-1.341635419969, 0.776394096672, -0.105576386687, -0.841635419969], 1e-9);
  });

  it('gives mean 0 and variance ≈ 1 with unit weight and zero bias', () => {
    const x = [3.5, -2, 0.25, 9, 1];
    const y = layerNorm(x, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]);
    assertInDelta(sum(y) / y.length, 0, 1e-12);
    assertInDelta(sum(Array.from(y, (v) => v * v)) / y.length, 1, 1e-5);
  });

  it('maps a constant vector to the bias (eps keeps it finite)', () => {
    assertInDelta(layerNorm([7, 7, 7], [2, 2, 2], [0.1, 0.2, 0.3]), [0.1, 0.2, 0.3], 1e-12);
  });

  it('rejects a weight or bias of the wrong length', () => {
    expect(() => layerNorm([1, 2], [1], [0, 0])).toThrow(RangeError);
  });
});

/** Unit axes of a rotated box in 4D; the 4th direction has no variance. */
const U1 = [0.48, 0.64, 0.6, 0];
const U2 = [0.8, -0.6, 0, 0];
const U3 = [-0.36, -0.48, 0.8, 0];
const HALF_SIDES = [3, 2, 1];
const OFFSET = [10, -5, 2, 0.5];

/**
 * The 8 corners m + s₁·3·U1 + s₂·2·U2 + s₃·1·U3, s ∈ {±1}³. Cross terms cancel over the corners,
 * so the sample covariance is exactly Σ (8/7) hᵢ² UᵢUᵢᵀ: eigenvalues 72/7, 32/7, 8/7, 0.
 */
function boxCorners(): { rows: Float32Array; signs: number[][] } {
  const signs: number[][] = [];
  for (const s1 of [1, -1]) for (const s2 of [1, -1]) for (const s3 of [1, -1]) signs.push([s1, s2, s3]);
  const rows = new Float32Array(8 * 4);
  signs.forEach((s, r) => {
    for (let c = 0; c < 4; c++) {
      rows[r * 4 + c] = OFFSET[c] + s[0] * 3 * U1[c] + s[1] * 2 * U2[c] + s[2] * 1 * U3[c];
    }
  });
  return { rows, signs };
}

/** Standard normal draws by Box–Muller. */
function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

describe('pca', () => {
  it('recovers the known axes, variances and ratios of a rotated box', () => {
    const { rows } = boxCorners();
    const r = pca(rows, 8, 4, 3);
    assertInDelta(r.mean, OFFSET, 1e-6);
    // Signs: each axis's largest-magnitude entry is positive (U3 is written that way already).
    assertInDelta(r.components.subarray(0, 4), U1, 1e-6);
    assertInDelta(r.components.subarray(4, 8), U2, 1e-6);
    assertInDelta(r.components.subarray(8, 12), U3, 1e-6);
    assertInDelta(r.explainedVariance, [72 / 7, 32 / 7, 8 / 7], 1e-5);
    assertInDelta(r.explainedVarianceRatio, [9 / 14, 4 / 14, 1 / 14], 1e-6);
  });

  it('projects each centred point onto the axes', () => {
    const { rows, signs } = boxCorners();
    const r = pca(rows, 8, 4, 3);
    const expected = signs.flatMap((s) => s.map((si, m) => si * HALF_SIDES[m]));
    assertInDelta(r.coords, expected, 1e-5);
  });

  it('returns orthonormal components and zero variance beyond the rank (k = d)', () => {
    const { rows } = boxCorners();
    const r = pca(rows, 8, 4, 4);
    assertInDelta(r.components.subarray(12, 16), [0, 0, 0, 1], 1e-6);
    assertInDelta(r.explainedVariance[3], 0, 1e-6);
    assertInDelta(sum(r.explainedVarianceRatio), 1, 1e-6);
  });

  it('finds eigenvectors of the sample covariance of a correlated Gaussian cloud', () => {
    const n = 2000;
    const d = 6;
    const z = gaussian(mulberry32(17));
    const scales = [5, 3, 2, 1, 0.5, 0.2];
    const rows = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const latent = scales.map((s) => s * z());
      // Mix the latent axes so the principal axes are not the coordinate axes.
      for (let c = 0; c < d; c++) rows[i * d + c] = latent[c] + 0.5 * latent[(c + 1) % d] + 1;
    }
    const k = 3;
    const r = pca(rows, n, d, k);

    // The sample covariance, computed independently here in the straightforward way.
    const cov = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          cov[a * d + b] += (rows[i * d + a] - r.mean[a]) * (rows[i * d + b] - r.mean[b]) / (n - 1);
        }
      }
    }
    let trace = 0;
    for (let a = 0; a < d; a++) trace += cov[a * d + a];

    for (let m = 0; m < k; m++) {
      const v = r.components.subarray(m * d, (m + 1) * d);
      const cv = matVec(cov, v, d);
      // C v = λ v, with λ the reported variance.
      assertInDelta(cv, Array.from(v, (x) => x * r.explainedVariance[m]), 1e-6 * r.explainedVariance[0]);
      assertInDelta(r.explainedVarianceRatio[m], r.explainedVariance[m] / trace, 1e-9);
      for (let q = 0; q < k; q++) {
        const w = r.components.subarray(q * d, (q + 1) * d);
        assertInDelta(sum(Array.from(v, (x, i) => x * w[i])), m === q ? 1 : 0, 1e-9);
      }
      // The variance of the projected coordinates is the explained variance.
      let s2 = 0;
      for (let i = 0; i < n; i++) s2 += r.coords[i * k + m] ** 2;
      assertInDelta(s2 / (n - 1), r.explainedVariance[m], 1e-4 * r.explainedVariance[m]);
    }
    expect(r.explainedVariance[0]).toBeGreaterThan(r.explainedVariance[1]);
    expect(r.explainedVariance[1]).toBeGreaterThan(r.explainedVariance[2]);
  });

  it('is deterministic, and the start-vector seed does not change the answer', () => {
    const { rows } = boxCorners();
    expect(pca(rows, 8, 4)).toEqual(pca(rows, 8, 4));
    assertInDelta(pca(rows, 8, 4, 3, { seed: 99 }).components, pca(rows, 8, 4, 3, { seed: 1 }).components, 1e-6);
  });

  it('rejects shapes that do not fit', () => {
    const { rows } = boxCorners();
    expect(() => pca(rows, 8, 5)).toThrow(RangeError);
    expect(() => pca(rows, 8, 4, 5)).toThrow(RangeError);
    expect(() => pca(new Float32Array(4), 1, 4)).toThrow(RangeError);
  });
});
