/**
 * What the heads grid shows, computed from an attention tensor and heads.json; pure, so the
 * build (example data), the page (live trace) and the tests share it. The exported JSON is
 * the source of truth: the chart's view is derived from it, so "Download data" is what is drawn.
 */
import type { HeadScores } from '../../model/assets';
import { TensorF32 } from '../../model/tensor';
import { headPattern, isPattern, shortLabel } from '../kit/attention/patterns';
import type { AttentionHeadsView } from './render';

export interface AttentionHeadsExport {
  state: { text: string; token: number };
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  /** The text these numbers are for; differs from state.text while an example is shown. */
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** 1-based query token shown: state.token, clamped to the text's length. */
  token: number;
  /** Layer-major, 1-based; `weights[k]` is the attention from `token` to token k + 1. */
  heads: { layer: number; head: number; label: string; score: number; lift?: number; weights: number[] }[];
}

/** The query token actually shown, and a note when the asked-for one is past the end. */
export function clampToken(token: number, count: number): { token: number; note?: string } {
  if (count === 0) return { token: 0 };
  if (token <= count) return { token };
  return { token: count, note: `token: ${token} is past the end of the text (${count} tokens); showing token ${count}.` };
}

/** Attention is stored to float32 precision; more digits in the export would only be noise. */
const round6 = (x: number) => Number(x.toFixed(6));

/**
 * One row per head: the attention from `token` (1-based) to keys 1..token, from `attentions`
 * [L][H][T][T] exactly as the model exported it, labelled with heads.json (or "unmeasured"
 * when that file is not available).
 */
export function headRows(attentions: TensorF32, token: number, scores: HeadScores | null): AttentionHeadsExport['heads'] {
  const [L, H, T] = attentions.shape;
  const q = token - 1;
  if (q < 0 || q >= T) return [];
  const rows: AttentionHeadsExport['heads'] = [];
  for (let l = 0; l < L; l++) {
    for (let h = 0; h < H; h++) {
      const from = attentions.view(l, h, q).data;
      const weights = Array.from({ length: token }, (_, k) => round6(from[k]));
      const p = scores ? headPattern(scores, l, h) : null;
      const row: AttentionHeadsExport['heads'][number] = { layer: l + 1, head: h + 1, label: p?.label ?? 'unmeasured', score: round6(p?.score ?? 0), weights };
      if (p?.lift !== undefined) row.lift = p.lift;
      rows.push(row);
    }
  }
  return rows;
}

/** Nested [L][H][T][T] arrays (example JSON) as a tensor. */
export function denseOf(nested: number[][][][]): TensorF32 {
  const L = nested.length;
  const H = nested[0]?.length ?? 0;
  const T = nested[0]?.[0]?.length ?? 0;
  const data = new Float32Array(L * H * T * T);
  let i = 0;
  for (const layer of nested) for (const head of layer) for (const row of head) for (const w of row) data[i++] = w;
  return new TensorF32(data, [L, H, T, T]);
}

export function viewOf(d: AttentionHeadsExport): AttentionHeadsView {
  return {
    text: d.text,
    tokens: d.tokens,
    token: d.token,
    layers: d.heads.reduce((m, c) => Math.max(m, c.layer), 0),
    headsPerLayer: d.heads.reduce((m, c) => Math.max(m, c.head), 0),
    heads: d.heads.map((c) => ({ ...c, short: shortLabel(c.label), patterned: isPattern(c.label) })),
  };
}
