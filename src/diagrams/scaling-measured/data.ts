/**
 * Our own model family (src/data/scaling-family.json, written by the training recipe) and the
 * law L(N, D) = E + A/N^α + B/D^β fitted to it in the browser. Losses are nats per token with
 * the site's 8,192-token BPE on held-out text, so their absolute values cannot be compared with
 * Chinchilla's (another tokenizer, another corpus); the exponents and shapes can.
 */
import { fitScalingLaw, type Fit } from '../../math/scaling-fit';
import { CHINCHILLA, optimalAllocation } from '../../math/scaling';
import { EPOCH } from '../../math/scaling-laws';
import entry from './entry';
import type { StateOf } from '../kit/schema';

export type MeasuredState = StateOf<typeof entry.state>;

/** The committed file's shape (only the fields used here). */
export interface FamilyFile {
  description: string;
  seq_len: number;
  vocab: number;
  data?: { train?: string; validation?: Record<string, string> };
  runs: {
    id: string;
    n_layer: number;
    n_embd: number;
    params: number;
    non_embedding_params: number;
    tokens: number;
    seconds?: number;
    val: Record<string, { loss: number; bpb: number }>;
  }[];
}

export interface MeasuredPoint {
  id: string;
  /** Parameters as counted by state.params. */
  N: number;
  /** Training tokens. */
  D: number;
  /** Held-out loss, nats per token. */
  loss: number;
  bpb: number;
  /** The fit's prediction and measured − fitted, nats per token (null without a fit). */
  fitted: number | null;
  residual: number | null;
}

export interface MeasuredExport {
  state: MeasuredState;
  /** "missing" until the recipe's measurements are committed. */
  source: 'measured' | 'missing';
  description: string;
  points: MeasuredPoint[];
  fit: Omit<Fit, 'residuals'> | null;
  /** Why there is no fit, when there is none. */
  fitError: string | null;
  /** Exponents to compare with: the published fits. */
  reference: { chinchilla: { alpha: number; beta: number }; epoch: { alpha: number; beta: number } };
  /** Tokens per parameter at the compute-optimal split of our largest run's compute, by our fit. */
  optimalTokensPerParam: number | null;
  /** Sentences about where the fit is poor, for the reader. */
  caveats: string[];
}

/** A residual this large (nats per token) is called out to the reader: about 2 % of our losses. */
export const POOR_RESIDUAL = 0.1;

export function measuredExport(family: FamilyFile | null, state: MeasuredState): MeasuredExport {
  const reference = {
    chinchilla: { alpha: CHINCHILLA.alpha, beta: CHINCHILLA.beta },
    epoch: { alpha: EPOCH.alpha, beta: EPOCH.beta },
  };
  if (!family) {
    return { state: { ...state }, source: 'missing', description: '', points: [], fit: null, fitError: 'The measurements have not been committed yet.', reference, optimalTokensPerParam: null, caveats: [] };
  }
  const raw = family.runs
    .filter((r) => r.val[state.val])
    .map((r) => ({
      id: r.id,
      N: state.params === 'total' ? r.params : r.non_embedding_params,
      D: r.tokens,
      loss: r.val[state.val].loss,
      bpb: r.val[state.val].bpb,
    }));
  let fit: Fit | null = null;
  let fitError: string | null = null;
  try {
    fit = fitScalingLaw(raw);
  } catch (e) {
    fitError = e instanceof Error ? e.message : String(e);
  }
  const points = raw.map((p, i) => ({ ...p, fitted: fit ? p.loss - fit.residuals[i] : null, residual: fit ? fit.residuals[i] : null }));
  const caveats: string[] = [];
  let optimalTokensPerParam: number | null = null;
  if (fit) {
    const { residuals: _r, ...rest } = fit;
    const worst = points.reduce((a, b) => (Math.abs(b.residual ?? 0) > Math.abs(a.residual ?? 0) ? b : a));
    if (Math.abs(worst.residual ?? 0) > POOR_RESIDUAL) {
      caveats.push(`The fit is poor at ${worst.id}: measured ${worst.loss.toFixed(3)}, fitted ${(worst.fitted ?? 0).toFixed(3)} nats per token.`);
    }
    const budgets = new Set(points.map((p) => p.D)).size;
    if (budgets < 3) caveats.push(`Only ${budgets} token budgets were measured, so the data exponent β rests on ${budgets} points per model and is poorly determined.`);
    // E is kept ≥ 0; at that bound the runs never approach a floor, so E and the exponents trade off.
    if (fit.E === 0) caveats.push('The irreducible loss E fitted to its bound, 0: these runs are too small and too short to show where the loss levels off, so E and the exponents are not separately determined.');
    if (fit.A === 0 || fit.B === 0) caveats.push('One of the two power-law terms fitted to zero: the data cannot separate the effect of size from that of tokens.');
    if (fit.alpha >= 1.9 || fit.beta >= 1.9 || fit.alpha <= 0.03 || fit.beta <= 0.03) caveats.push('An exponent sits at the edge of the search range, so it is not well determined by these points.');
    const biggest = points.reduce((a, b) => (a.N * a.D > b.N * b.D ? a : b));
    const opt = optimalAllocation(6 * biggest.N * biggest.D, rest);
    optimalTokensPerParam = opt.D / opt.N;
    return { state: { ...state }, source: 'measured', description: family.description, points, fit: rest, fitError, reference, optimalTokensPerParam, caveats };
  }
  return { state: { ...state }, source: 'measured', description: family.description, points, fit: null, fitError, reference, optimalTokensPerParam, caveats };
}
