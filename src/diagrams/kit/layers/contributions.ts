/**
 * What each block adds to one token's residual stream: the lengths (Euclidean norms, in the
 * stream's own units) of attn_output and mlp_output at every layer, next to the length of the
 * stream they are added to. Pure; reads the trace's flat tensors.
 */
import type { Dense } from '../../../math/attention';

/** One layer's row of the layer-stack export; `layer` is 1-based. */
export interface Contribution {
  layer: number;
  /** ‖attn_output[layer][token]‖: what attention adds. */
  attn_norm: number;
  /** ‖mlp_output[layer][token]‖: what the MLP adds. */
  mlp_norm: number;
  /** ‖hidden_states[layer − 1][token]‖: the stream entering the block. */
  resid_norm: number;
  /** ‖hidden_states[layer][token]‖: the stream leaving it. */
  out_norm: number;
}

/** The slice of a Trace this needs; TensorF32 satisfies Dense. */
export interface StreamTrace {
  /** [L+1][T][d] */
  hiddenStates: Dense;
  /** [L][T][d] */
  attnOutput: Dense;
  mlpOutput: Dense;
}

/** The d numbers at [layer][token] of a [layers][T][d] tensor. */
export function vectorAt(t: Dense, layer: number, token: number): number[] {
  const [, T, d] = t.shape;
  const o = (layer * T + token) * d;
  return Array.from({ length: d }, (_, i) => t.data[o + i]);
}

export const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** One row per block for token `token` (0-based). */
export function contributionsOf(tr: StreamTrace, token: number): Contribution[] {
  const L = tr.attnOutput.shape[0];
  return Array.from({ length: L }, (_, l) => ({
    layer: l + 1,
    attn_norm: norm(vectorAt(tr.attnOutput, l, token)),
    mlp_norm: norm(vectorAt(tr.mlpOutput, l, token)),
    resid_norm: norm(vectorAt(tr.hiddenStates, l, token)),
    out_norm: norm(vectorAt(tr.hiddenStates, l + 1, token)),
  }));
}
