/**
 * Small dense linear algebra on flat, row-major arrays: a matrix-vector product, LayerNorm as
 * GPT-2 applies it, and PCA for drawing embeddings in 3D.
 */

import { mulberry32 } from './sampling';

/**
 * y = M x for a row-major matrix M of shape [rows][cols].
 *
 * PyTorch's nn.Linear weight is already [out][in] (rows = out). GPT-2's Conv1D weight is [in][out]
 * (it computes x W), which is the transpose of this layout.
 *
 * @param matrix length rows · cols, M[r][c] at r · cols + c.
 * @param x length cols.
 * @param rows number of rows (the output length).
 * @param cols number of columns; defaults to x.length.
 * @returns length rows.
 */
export function matVec(matrix: ArrayLike<number>, x: ArrayLike<number>, rows: number, cols = x.length): Float64Array {
  if (x.length !== cols) throw new RangeError(`matVec: x has length ${x.length}, expected ${cols}`);
  if (matrix.length !== rows * cols) {
    throw new RangeError(`matVec: matrix has ${matrix.length} entries, expected ${rows}×${cols}`);
  }
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const o = r * cols;
    for (let c = 0; c < cols; c++) s += matrix[o + c] * x[c];
    y[r] = s;
  }
  return y;
}

/**
 * LayerNorm over one vector (Ba et al. 2016), as in PyTorch / GPT-2:
 * yᵢ = (xᵢ − μ) / √(σ² + eps) · weightᵢ + biasᵢ, with μ the mean and σ² the biased
 * (divide-by-d) variance of x.
 *
 * @param x length d, e.g. one position's residual stream.
 * @param weight length d (γ, the learned gain).
 * @param bias length d (β, the learned shift).
 * @param eps added to the variance, in x's units squared; GPT-2 uses 1e-5.
 * @returns length d.
 */
export function layerNorm(
  x: ArrayLike<number>,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  eps = 1e-5,
): Float64Array {
  const d = x.length;
  if (d === 0) throw new RangeError('layerNorm: empty input');
  if (weight.length !== d || bias.length !== d) {
    throw new RangeError(`layerNorm: weight ${weight.length} and bias ${bias.length} must match x ${d}`);
  }
  let mean = 0;
  for (let i = 0; i < d; i++) mean += x[i];
  mean /= d;
  let variance = 0;
  for (let i = 0; i < d; i++) variance += (x[i] - mean) ** 2;
  variance /= d;
  const inv = 1 / Math.sqrt(variance + eps);
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) y[i] = (x[i] - mean) * inv * weight[i] + bias[i];
  return y;
}

/** Tuning for {@link pca}; the defaults suit an 8192 × 192 embedding matrix. */
export interface PcaOptions {
  /** Seeds the random start vectors, so the same data always gives the same axes. */
  seed?: number;
  /** Power-iteration cap per component. */
  maxIterations?: number;
  /** Stop when ‖Cv − λv‖ ≤ tolerance · λ₁ (relative to the largest eigenvalue). */
  tolerance?: number;
}

/** Principal components of n points in d dimensions. */
export interface PcaResult {
  /** Length d: the column means subtracted before projecting. */
  mean: Float64Array;
  /**
   * [k][d] row-major: unit, mutually orthogonal directions, by decreasing variance. The sign of each
   * is fixed so its largest-magnitude entry is positive.
   */
  components: Float64Array;
  /** Length k: variance along each component (sample variance, divisor n − 1), in squared data units. */
  explainedVariance: Float64Array;
  /** Length k: explainedVariance over the total variance (trace of the covariance); sums to ≤ 1. */
  explainedVarianceRatio: Float64Array;
  /** [n][k] row-major: each centred point projected onto the components (Three.js-ready for k = 3). */
  coords: Float32Array;
}

/**
 * PCA by power iteration with deflation on the d × d sample covariance C = XᵀX / (n − 1) of the
 * centred data. Forming C costs n·d²/2 multiply-adds (≈ 0.15 G for 8192 × 192), after which each
 * iteration is only d². Deterministic: start vectors come from a seeded {@link mulberry32}.
 *
 * @param rows length n · d, row-major [n][d], e.g. a token embedding matrix.
 * @param n number of points, ≥ 2.
 * @param d dimensions per point, ≥ 1.
 * @param k number of components, 1 ≤ k ≤ d; default 3 for a 3D view.
 */
export function pca(rows: Float32Array, n: number, d: number, k = 3, options: PcaOptions = {}): PcaResult {
  const { seed = 1, maxIterations = 2000, tolerance = 1e-10 } = options;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 2 || d < 1) {
    throw new RangeError(`pca: need integer n ≥ 2 and d ≥ 1, got n=${n}, d=${d}`);
  }
  if (rows.length !== n * d) throw new RangeError(`pca: rows has ${rows.length} entries, expected ${n}×${d}`);
  if (!Number.isInteger(k) || k < 1 || k > d) throw new RangeError(`pca: k must be an integer in [1, ${d}], got ${k}`);

  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) mean[c] += rows[r * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;

  // Covariance, upper triangle accumulated then mirrored. [d][d] row-major.
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) centred[c] = rows[r * d + c] - mean[c];
    for (let i = 0; i < d; i++) {
      const ci = centred[i];
      if (ci === 0) continue;
      const o = i * d;
      for (let j = i; j < d; j++) cov[o + j] += ci * centred[j];
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = cov[i * d + j] / (n - 1);
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
    trace += cov[i * d + i];
  }

  const rng = mulberry32(seed);
  const components = new Float64Array(k * d);
  const explainedVariance = new Float64Array(k);
  let scale = 0; // λ₁, the reference for the relative tolerance
  for (let m = 0; m < k; m++) {
    const found = components.subarray(0, m * d);
    let v: Float64Array = new Float64Array(d);
    for (let i = 0; i < d; i++) v[i] = rng() - 0.5;
    orthonormalise(v, found, d);
    for (let it = 0; it < maxIterations; it++) {
      const cv = matVec(cov, v, d, d);
      const lambda = dot(v, cv);
      // Residual of the eigen-equation, ‖Cv − λv‖; it gets small even when eigenvalues repeat.
      let res = 0;
      for (let i = 0; i < d; i++) res += (cv[i] - lambda * v[i]) ** 2;
      if (Math.sqrt(res) <= tolerance * (m === 0 ? Math.abs(lambda) : scale)) break;
      // Re-orthogonalising against found axes keeps rounding from leaking them back in.
      orthonormalise(cv, found, d);
      v = cv;
    }
    const lambda = Math.max(0, dot(v, matVec(cov, v, d, d)));
    if (m === 0) scale = lambda;
    fixSign(v);
    components.set(v, m * d);
    explainedVariance[m] = lambda;
    // Deflation: C ← C − λ v vᵀ, so the next power iteration finds the next-largest axis.
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] -= lambda * v[i] * v[j];
  }

  const explainedVarianceRatio = explainedVariance.map((l) => (trace > 0 ? l / trace : 0));
  const coords = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < k; m++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (rows[r * d + c] - mean[c]) * components[m * d + c];
      coords[r * k + m] = s;
    }
  }
  return { mean, components, explainedVariance, explainedVarianceRatio, coords };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Gram–Schmidt: removes from v its projection on each unit row of `basis` ([m][d]), then scales v
 * to unit length. If nothing is left (v lay in their span), v becomes the first standard basis
 * vector orthogonal to them, so a rank-deficient matrix still yields orthonormal components.
 */
function orthonormalise(v: Float64Array, basis: Float64Array, d: number): void {
  const project = () => {
    for (let o = 0; o < basis.length; o += d) {
      const b = basis.subarray(o, o + d);
      const s = dot(v, b);
      for (let i = 0; i < d; i++) v[i] -= s * b[i];
    }
  };
  project();
  let norm = Math.sqrt(dot(v, v));
  for (let e = 0; e < d && !(norm > 1e-12); e++) {
    v.fill(0);
    v[e] = 1;
    project();
    norm = Math.sqrt(dot(v, v));
  }
  for (let i = 0; i < d; i++) v[i] /= norm;
}

/** Flips v so its largest-magnitude entry is positive (eigenvectors are only defined up to sign). */
function fixSign(v: Float64Array): void {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  if (v[best] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}
