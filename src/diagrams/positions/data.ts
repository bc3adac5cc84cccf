/**
 * The positions diagram's numbers: the sinusoidal encoding at the model's width, the model's
 * learned wpe, and for each the mean cosine similarity of two positions Δ apart. Pure.
 */
import { cosineByDistance, sinusoidalPositions } from '../../math/index';
import { TensorF32 } from '../../model/tensor';

export type PositionsState = {
  positions: number;
  dims: number;
};

export interface PositionsView {
  model: { id: string; version: string };
  /** Context length (rows of wpe) and width d. */
  context: number;
  d: number;
  /** Positions and dimensions shown in the heatmaps (clamped to the model's). */
  positions: number;
  dims: number;
  /** [context][d] each. */
  sinusoidal: Float32Array;
  learned: Float32Array;
  /** Mean cosine of positions Δ apart over the first `positions` positions, all d dims, Δ = 0 … positions − 1. */
  cosSinusoidal: Float64Array;
  cosLearned: Float64Array;
}

export function positionsView(model: PositionsView['model'], wpe: TensorF32, state: PositionsState): PositionsView {
  const [context, d] = wpe.shape;
  const positions = Math.min(state.positions, context);
  const dims = Math.min(state.dims, d);
  const sinusoidal = sinusoidalPositions(context, d);
  return {
    model,
    context,
    d,
    positions,
    dims,
    sinusoidal,
    learned: wpe.data,
    cosSinusoidal: cosineByDistance(sinusoidal.subarray(0, positions * d), positions, d, positions - 1),
    cosLearned: cosineByDistance(wpe.data.subarray(0, positions * d), positions, d, positions - 1),
  };
}

/** The distances the text alternative lists: 1, 2, 4, … below `positions`. */
export function tableDistances(positions: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < positions; k *= 2) out.push(k);
  return out;
}

/** One of the view's [context][d] matrices as a tensor, to read by (position, dimension). */
export function matrixOf(m: Float32Array, v: Pick<PositionsView, 'context' | 'd'>): TensorF32 {
  return new TensorF32(m, [v.context, v.d]);
}

const r4 = (x: number) => Number(x.toFixed(4));

export function exportPositions(state: PositionsState, source: 'example' | 'model', v: PositionsView) {
  const block = (m: Float32Array) => {
    const t = matrixOf(m, v);
    return Array.from({ length: v.positions }, (_, p) => Array.from(t.view(p).data.subarray(0, v.dims), r4));
  };
  return {
    state: { ...state },
    source,
    model: { ...v.model },
    shape: { context: v.context, d: v.d },
    sinusoidal: { formula: 'PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d))', d: v.d },
    // [position][dim], the shown corner of each matrix, 4 decimals.
    heatmaps: { sinusoidal: block(v.sinusoidal), learned: block(v.learned) },
    cosineByDistance: {
      distance: Array.from(v.cosLearned, (_, k) => k),
      sinusoidal: Array.from(v.cosSinusoidal, r4),
      learned: Array.from(v.cosLearned, r4),
    },
  };
}
