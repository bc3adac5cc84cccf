/**
 * The scaling-laws state holds N, D and C, but only two are free: C = 6·N·D. This decides the
 * third from what a link or a control gave, and builds the exported numbers. Pure.
 */
import { LAWS, type LawId } from '../../math/scaling-laws';
import { computeFlops } from '../../math/scaling';
import entry from './entry';
import { roundSignificant } from '../kit/state';
import type { StateOf } from '../kit/schema';
import { NAMED_MODELS } from './models';

export type ScalingState = StateOf<typeof entry.state>;

/** A given C may differ from 6·N·D by rounding N and D to 3 figures (≤ 0.5 % each). */
const C_TOLERANCE = 0.011;

const { N: fN, D: fD, C: fC } = entry.state;

function fit(v: number, f: { min: number; max: number; digits: number; label: string }, notes: string[]): number {
  const r = roundSignificant(Math.min(f.max, Math.max(f.min, v)), f.digits);
  if (v < f.min || v > f.max) notes.push(`${f.label}: ${v.toExponential(2)} is outside the range this diagram draws; using ${r.toExponential(2)}.`);
  return r;
}

const flops = (N: number, D: number) => roundSignificant(computeFlops(N, D), fC.digits);

/**
 * `state` has been checked field by field (parseState/normalizeState); `given` says which of
 * N, D and C the link actually set. C alone → the law's compute-optimal split of C; C with one
 * of N or D → the other from C = 6ND; otherwise C follows N and D.
 */
export function resolveScaling(state: ScalingState, given: ReadonlySet<string>): { state: ScalingState; notes: string[] } {
  const notes: string[] = [];
  const { C, law } = state;
  let { N, D } = state;
  if (given.has('C') && !given.has('N') && !given.has('D')) {
    const opt = LAWS[law as LawId].optimal(C);
    N = fit(opt.N, fN, notes);
    D = fit(opt.D, fD, notes);
    return { state: { N, D, C: notes.length ? flops(N, D) : C, law }, notes };
  }
  if (given.has('C') && given.has('N') && !given.has('D')) D = fit(C / (6 * N), fD, notes);
  if (given.has('C') && given.has('D') && !given.has('N')) N = fit(C / (6 * D), fN, notes);
  const exact = computeFlops(N, D);
  if (given.has('C') && Math.abs(C - exact) <= C_TOLERANCE * exact && !notes.length) return { state: { N, D, C, law }, notes };
  if (given.has('C') && given.has('N') && given.has('D')) {
    notes.push(`compute C: ${C.toExponential(2)} FLOPs is not 6·N·D; using 6·N·D = ${flops(N, D).toExponential(2)}.`);
  }
  return { state: { N, D, C: flops(N, D), law }, notes };
}

/** Move along the iso-FLOP curve: keep C, set the tokens per parameter D/N to `ratio`. */
export function withSplit(state: ScalingState, ratio: number): ScalingState {
  const N = Math.sqrt(state.C / (6 * ratio));
  return clampPair(state, N, ratio * N);
}

/** Scale N and D together so 6ND = C, keeping their ratio. */
export function withCompute(state: ScalingState, C: number): ScalingState {
  const k = Math.sqrt(C / computeFlops(state.N, state.D));
  return clampPair(state, state.N * k, state.D * k);
}

/** N and D to the law's optimum for the current C. */
export function toOptimal(state: ScalingState): ScalingState {
  const o = LAWS[state.law as LawId].optimal(state.C);
  return clampPair(state, o.N, o.D);
}

export function clampPair(state: ScalingState, N: number, D: number): ScalingState {
  const notes: string[] = [];
  const n = fit(N, fN, notes);
  const d = fit(D, fD, notes);
  return { ...state, N: n, D: d, C: flops(n, d) };
}

export interface ScalingExport {
  state: ScalingState;
  law: { id: string; name: string; source: string; url: string };
  /** Predicted loss at (N, D), nats per token on the law's own data. */
  loss: number;
  /** 6·N·D, FLOPs. */
  compute: number;
  tokensPerParam: number;
  /** The law's compute-optimal split of state.C. */
  optimal: { N: number; D: number; loss: number; tokensPerParam: number };
  models: { name: string; N: number; D: number | null; tokensPerParam: number | null; compute: number | null; loss: number | null; source: string }[];
}

export function scalingExport(state: ScalingState): ScalingExport {
  const law = LAWS[state.law as LawId];
  const opt = law.optimal(state.C);
  return {
    state: { ...state },
    law: { id: law.id, name: law.name, source: law.source, url: law.url },
    loss: law.loss(state.N, state.D),
    compute: computeFlops(state.N, state.D),
    tokensPerParam: state.D / state.N,
    optimal: { N: opt.N, D: opt.D, loss: law.loss(opt.N, opt.D), tokensPerParam: opt.D / opt.N },
    models: NAMED_MODELS.map((m) => ({
      name: m.name,
      N: m.N,
      D: m.D,
      tokensPerParam: m.D === null ? null : m.D / m.N,
      compute: m.D === null ? null : computeFlops(m.N, m.D),
      loss: m.D === null ? null : law.loss(m.N, m.D),
      source: m.source,
    })),
  };
}
