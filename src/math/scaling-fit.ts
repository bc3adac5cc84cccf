/**
 * Fit L(N, D) = E + A / N^α + B / D^β to measured (N, D, loss) points, deterministically, in
 * the browser. Variable projection: for fixed exponents (α, β) the model is linear in
 * (E, A, B), so those come from a small non-negative least-squares solve, and only the two
 * exponents are searched, by a coarse grid then successively finer grids around the best.
 * No random starts, so the same data always give the same fit.
 * @see https://arxiv.org/abs/2603.22339 (variable projection for Chinchilla's approach 3)
 */
import type { ScalingConstants } from './scaling';

export interface Measurement {
  /** Parameters (use the same convention for every point). */
  N: number;
  /** Training tokens. */
  D: number;
  /** Held-out loss, nats per token. */
  loss: number;
}

export interface Fit extends ScalingConstants {
  /** Measured − fitted, per point, nats per token (same order as the input). */
  residuals: number[];
  /** Root-mean-square residual, nats per token. */
  rmse: number;
  /** 1 − SS_res / SS_tot. */
  r2: number;
}

export interface FitOptions {
  /** Search range for both exponents (dimensionless). */
  exponentRange?: [number, number];
}

const COARSE = 61; // grid points per exponent in the first pass
const FINE = 21; // grid points per exponent in each refinement
const ROUNDS = 6; // each refinement shrinks the window to 2 grid cells of the previous one

/** Solve the 3×3 system M x = v by Cramer's rule; null when singular. */
function solve3(M: number[][], v: number[]): number[] | null {
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(M);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-300) return null;
  return [0, 1, 2].map((c) => det(M.map((row, r) => row.map((x, j) => (j === c ? v[r] : x)))) / d);
}

/**
 * Least squares for y ≈ X·c with c ≥ 0 and 3 columns, from the normal equations: G = XᵀX,
 * v = Xᵀy, yy = yᵀy. Every subset of free columns is solved and the best feasible one kept:
 * exhaustive over 7 subsets, so exact and deterministic.
 */
function nnls3(G: number[][], v: number[], yy: number): { c: number[]; sse: number } {
  let best = { c: [0, 0, 0], sse: yy };
  for (let mask = 1; mask < 8; mask++) {
    const free = [0, 1, 2].map((j) => (mask & (1 << j)) !== 0);
    // The fixed columns get identity rows, which pins their coefficient at 0.
    const M = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (free[i] && free[j] ? G[i][j] : i === j ? 1 : 0)));
    const c = solve3(
      M,
      v.map((x, i) => (free[i] ? x : 0)),
    );
    if (!c || c.some((x) => x < 0)) continue;
    // ‖y − Xc‖² = yᵀy − 2cᵀv + cᵀGc.
    let sse = yy;
    for (let i = 0; i < 3; i++) {
      sse -= 2 * c[i] * v[i];
      for (let j = 0; j < 3; j++) sse += c[i] * G[i][j] * c[j];
    }
    if (sse < best.sse) best = { c, sse };
  }
  return best;
}

function project(points: readonly Measurement[], alpha: number, beta: number) {
  const G = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  let yy = 0;
  for (const p of points) {
    const r = [1, p.N ** -alpha, p.D ** -beta];
    for (let i = 0; i < 3; i++) {
      v[i] += r[i] * p.loss;
      for (let j = 0; j < 3; j++) G[i][j] += r[i] * r[j];
    }
    yy += p.loss * p.loss;
  }
  return nnls3(G, v, yy);
}

/**
 * Fit the five constants. Needs at least 5 points with more than one N and more than one D,
 * and finite positive values; throws a RangeError otherwise.
 */
export function fitScalingLaw(points: readonly Measurement[], options: FitOptions = {}): Fit {
  if (points.length < 5) throw new RangeError(`fitScalingLaw: need at least 5 points, got ${points.length}`);
  for (const p of points) {
    if (!(p.N > 0) || !(p.D > 0) || !Number.isFinite(p.loss)) throw new RangeError(`fitScalingLaw: bad point ${JSON.stringify(p)}`);
  }
  if (new Set(points.map((p) => p.N)).size < 2 || new Set(points.map((p) => p.D)).size < 2) {
    throw new RangeError('fitScalingLaw: need at least two model sizes and two token budgets');
  }
  // A canonical order makes the floating-point sums, and so the fit, independent of input order.
  const sorted = [...points].sort((a, b) => a.N - b.N || a.D - b.D || a.loss - b.loss);
  const [lo, hi] = options.exponentRange ?? [0.02, 2];
  let best = { alpha: lo, beta: lo, sse: Infinity };
  let step = (hi - lo) / (COARSE - 1);
  const search = (a0: number, b0: number, n: number) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const alpha = a0 + i * step;
        const beta = b0 + j * step;
        if (alpha < lo || alpha > hi || beta < lo || beta > hi) continue;
        const { sse } = project(sorted, alpha, beta);
        // Strict "<" with a fixed scan order keeps ties deterministic.
        if (sse < best.sse) best = { alpha, beta, sse };
      }
    }
  };
  search(lo, lo, COARSE);
  for (let r = 0; r < ROUNDS; r++) {
    const half = step;
    step = (2 * half) / (FINE - 1);
    search(best.alpha - half, best.beta - half, FINE);
  }
  const { alpha, beta } = best;
  const { c } = project(sorted, alpha, beta);
  const [E, A, B] = c;
  const residuals = points.map((p) => p.loss - (E + A * p.N ** -alpha + B * p.D ** -beta));
  const mean = points.reduce((s, p) => s + p.loss, 0) / points.length;
  const ssTot = points.reduce((s, p) => s + (p.loss - mean) ** 2, 0);
  const ssRes = residuals.reduce((s, r) => s + r * r, 0);
  return {
    E,
    A,
    B,
    alpha,
    beta,
    residuals,
    rmse: Math.sqrt(ssRes / points.length),
    r2: ssTot > 0 ? 1 - ssRes / ssTot : 1,
  };
}
