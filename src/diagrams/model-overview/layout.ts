/**
 * Where each stage's card goes: one row across a wide chart (desktop), one column down a narrow
 * one (phones), so the picture always fits its width without scrolling. Pure; px units.
 */
import { kindOf, type StageKind } from './stages';

/** Below this chart width (px) the stages stack vertically. */
export const VERTICAL_BELOW = 720;
export const GAP = 14; // px between cards, room for the arrow
/** Header (title) and footer (shape label) of a card in the row layout. */
export const HEAD = 20;
export const FOOT = 36;
/** Card height in the row layout: the tallest content (six token rows, five candidates, a block). */
export const ROW_H = 190;
/** Room under the row for the residual stream's label. */
export const STREAM_H = 28;

/** Relative widths in the row layout: lists of words need more than a block. */
const WEIGHT: Record<StageKind, number> = { tokens: 1.2, embeddings: 1.1, block: 1, norm: 1.1, logits: 1.2, probs: 1.25, next: 1.1 };
/** Card heights in the column layout (px), a header line plus the content. */
const COL_H: Record<StageKind, number> = { tokens: 124, embeddings: 124, block: 78, norm: 62, logits: 112, probs: 112, next: 84 };

export interface Box {
  stage: string;
  kind: StageKind;
  i: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  vertical: boolean;
  width: number;
  height: number;
  boxes: Box[];
}

export function layout(stages: readonly string[], width: number): Layout {
  const W = Math.max(280, Math.floor(width));
  if (W < VERTICAL_BELOW) {
    let y = 0;
    const boxes = stages.map((stage, i) => {
      const kind = kindOf(stage);
      const b = { stage, kind, i, x: 0, y, w: W, h: COL_H[kind] };
      y += b.h + GAP;
      return b;
    });
    return { vertical: true, width: W, height: y - GAP + 2, boxes };
  }
  const total = stages.reduce((s, st) => s + WEIGHT[kindOf(st)], 0);
  // 2 px inside each edge, so the selected card's thicker stroke is not cut off.
  const unit = (W - 4 - GAP * (stages.length - 1)) / total;
  let x = 2;
  const boxes = stages.map((stage, i) => {
    const kind = kindOf(stage);
    const b = { stage, kind, i, x, y: 0, w: WEIGHT[kind] * unit, h: ROW_H };
    x += b.w + GAP;
    return b;
  });
  return { vertical: false, width: W, height: ROW_H + STREAM_H, boxes };
}

/** The area inside a card for its content. */
export function inner(b: Box, vertical: boolean): { x: number; y: number; w: number; h: number } {
  return vertical ? { x: b.x + 8, y: b.y + 24, w: b.w - 16, h: b.h - 30 } : { x: b.x + 6, y: b.y + HEAD + 4, w: b.w - 12, h: b.h - HEAD - FOOT - 8 };
}
