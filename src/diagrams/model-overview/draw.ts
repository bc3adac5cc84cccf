/**
 * The content of each stage's card, drawn into its own group with d3 joins (a new prompt
 * rewrites attributes of the same elements rather than making new ones, so a redraw stays within
 * a frame; put.ts writes only what changed). All text is set as text; sizes in px, font 11 px monospace.
 */
import type { Selection } from 'd3';
import { percent, showToken } from '../kit/tokens';
import type { OverviewView } from './data';
import { put, putText } from './put';
import { layerOf, type StageKind } from './stages';

type G = Selection<SVGGElement, unknown, null, undefined>;
export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

const ROW = 16; // px per listed token or candidate
const CHAR_W = 6.7; // px per character of 11 px monospace
/** Keys an attention thumbnail draws; more keys are summed into this many columns. */
export const THUMB_KEYS = 16;

const clip = (s: string, max: number) => {
  const c = Array.from(showToken(s));
  const n = Math.max(2, Math.floor(max));
  return c.length > n ? c.slice(0, n - 1).join('') + '…' : c.join('');
};

/** Join `data` to `tag.cls` children of `g`. */
function all<D, E extends SVGElement>(g: G, tag: string, cls: string, data: D[]): Selection<E, D, SVGGElement, unknown> {
  return g
    .selectAll<E, D>(`${tag}.${cls.split(' ')[0]}`)
    .data(data)
    .join(tag)
    .call(put, 'class', cls) as unknown as Selection<E, D, SVGGElement, unknown>;
}

/** Text rows: left label, right value, optional bar (0..1) under the value. */
function rows(g: G, a: Area, items: { left: string; right: string; bar?: number; cls?: string }[]) {
  const leftChars = (a.w * 0.58) / CHAR_W;
  all<(typeof items)[number], SVGTextElement>(g, 'text', 'gb-mo-left', items)
    .call(put, 'x', a.x)
    .call(put, 'y', (_, i) => a.y + i * ROW + 11)
    .call(putText, (d) => clip(d.left, leftChars));
  all<(typeof items)[number], SVGTextElement>(g, 'text', 'gb-mo-right gb-mo-muted', items)
    .call(put, 'x', a.x + a.w)
    .call(put, 'y', (_, i) => a.y + i * ROW + 11)
    .call(put, 'text-anchor', 'end')
    .call(putText, (d) => d.right);
  const bars = items.filter((d) => d.bar !== undefined);
  all<(typeof items)[number], SVGRectElement>(g, 'rect', 'gb-mo-bar', bars)
    .call(put, 'class', (d) => `gb-mo-bar ${d.cls ?? ''}`.trim())
    .call(put, 'x', a.x)
    .call(put, 'y', (_, i) => a.y + i * ROW + 13)
    .call(put, 'height', 2)
    .call(put, 'width', (d) => Math.max(1, a.w * (d.bar ?? 0)));
}

function tokens(g: G, a: Area, v: OverviewView) {
  const T = v.tokens.length;
  const fit = Math.max(1, Math.floor(a.h / ROW) - (T * ROW > a.h ? 1 : 0));
  const shown = v.tokens.slice(-fit);
  const items = shown.map((t) => ({ left: t.text, right: String(t.id) }));
  rows(g, { ...a, y: a.y + (T > fit ? ROW : 0) }, items);
  all<string, SVGTextElement>(g, 'text', 'gb-mo-more gb-mo-muted', T > fit ? [`+${T - fit} before`] : [])
    .call(put, 'x', a.x)
    .call(put, 'y', a.y + 11)
    .call(putText, (s) => s);
}

/** One sparkline per shown token: its d numbers entering the stream, left to right. */
function embeddings(g: G, a: Area, v: OverviewView) {
  const fit = Math.max(1, Math.floor(a.h / ROW));
  const shown = v.embed.slice(-fit);
  const labelW = Math.min(54, a.w * 0.35);
  const max = Math.max(1e-9, ...shown.flatMap((e) => e.values.map(Math.abs)));
  all<(typeof shown)[number], SVGTextElement>(g, 'text', 'gb-mo-left', shown)
    .call(put, 'x', a.x)
    .call(put, 'y', (_, i) => a.y + i * ROW + 11)
    .call(putText, (e) => clip(e.text, labelW / CHAR_W));
  all<(typeof shown)[number], SVGPathElement>(g, 'path', 'gb-mo-spark', shown).call(put, 'd', (e, i) => {
    const x0 = a.x + labelW + 4;
    const w = a.w - labelW - 4;
    const mid = a.y + i * ROW + 7;
    const step = w / Math.max(1, e.values.length - 1);
    return 'M' + e.values.map((x, k) => `${(x0 + k * step).toFixed(1)},${(mid - (x / max) * 6).toFixed(1)}`).join('L');
  });
}

/** Shades of an attention thumbnail: cells are drawn at √w rounded to one of these steps. */
export const THUMB_LEVELS = 12;

/** The last token's attention rows as heads × keys cells; past THUMB_KEYS keys, neighbours are summed. */
export function thumbCells(att: number[][]): { h: number; c: number; w: number }[] {
  const T = att[0]?.length ?? 0;
  const K = Math.min(T, THUMB_KEYS);
  return att.flatMap((row, h) =>
    Array.from({ length: K }, (_, c) => {
      let w = 0;
      for (let k = Math.floor((c * T) / K); k < Math.floor(((c + 1) * T) / K); k++) w += row[k];
      return { h, c, w };
    }),
  );
}

/** A cell's shade, 0..THUMB_LEVELS: √w (so small weights still show), darker = more attention. */
export const levelOf = (w: number) => Math.round(Math.sqrt(Math.min(1, Math.max(0, w))) * THUMB_LEVELS);

/**
 * The thumbnail as one path per shade, in cell units (x = key column, y = head) scaled by the
 * group: a few elements per block instead of one per cell, so a new prompt redraws in well under
 * a frame. Each cell is "M c,h h1v1h-1z".
 */
export function thumbPaths(att: number[][]): { level: number; d: string }[] {
  const byLevel = new Map<number, string[]>();
  for (const { h, c, w } of thumbCells(att)) {
    const l = levelOf(w);
    if (l === 0) continue;
    const list = byLevel.get(l) ?? [];
    list.push(`M${c},${h}h1v1h-1z`);
    byLevel.set(l, list);
  }
  return [...byLevel.entries()].sort((x, y) => x[0] - y[0]).map(([level, cells]) => ({ level, d: cells.join('') }));
}

function block(g: G, a: Area, v: OverviewView, layer: number, vertical: boolean, maxNorm: number) {
  const b = v.blocks[layer - 1];
  const att = b?.attention ?? [];
  const H = att.length;
  const K = Math.min(att[0]?.length ?? 0, THUMB_KEYS);
  const thumbW = vertical ? Math.min(120, a.w * 0.36) : a.w;
  const cellH = vertical ? a.h / Math.max(1, H) : Math.min(7, (a.h - 72) / Math.max(1, H));
  const frame = H && K ? [0] : [];
  all<number, SVGRectElement>(g, 'rect', 'gb-mo-att-bg', frame)
    .call(put, 'x', a.x)
    .call(put, 'y', a.y)
    .call(put, 'width', thumbW)
    .call(put, 'height', H * cellH);
  const thumb = all<number, SVGGElement>(g, 'g', 'gb-mo-thumb', frame)
    .call(put, 'data-keys', K)
    .call(put, 'data-heads', H)
    .call(put, 'transform', `translate(${a.x},${a.y}) scale(${thumbW / Math.max(1, K)},${cellH})`);
  thumb
    .selectAll<SVGPathElement, { level: number; d: string }>('path')
    .data(thumbPaths(att))
    .join('path')
    .call(put, 'class', 'gb-mo-att')
    .call(put, 'data-level', (p) => p.level)
    .call(put, 'fill-opacity', (p) => (p.level / THUMB_LEVELS).toFixed(3))
    .call(put, 'd', (p) => p.d);
  const r: Area = vertical ? { x: a.x + thumbW + 12, y: a.y, w: a.w - thumbW - 12, h: a.h } : { x: a.x, y: a.y + H * cellH + 6, w: a.w, h: a.h - H * cellH - 6 };
  const adds = b
    ? [
        { left: 'attn', right: `+${b.attn_norm.toFixed(1)}`, bar: b.attn_norm / maxNorm, cls: 'gb-mo-bar-attn' },
        { left: 'MLP', right: `+${b.mlp_norm.toFixed(1)}`, bar: b.mlp_norm / maxNorm, cls: 'gb-mo-bar-mlp' },
      ]
    : [];
  rows(g, r, adds);
  // The lens's guess: one line in a wide card, the token over its probability in a narrow one.
  const lens = !b ? [] : vertical ? [`lens: ${clip(b.lens.text, r.w / CHAR_W - 12)} ${percent(b.lens.p)}`] : [`→${clip(b.lens.text, r.w / CHAR_W - 1)}`, `  ${percent(b.lens.p)}`];
  all<string, SVGTextElement>(g, 'text', 'gb-mo-lens', lens)
    .call(put, 'x', r.x)
    .call(put, 'y', (_, i) => r.y + (2 + i) * ROW + 11)
    .call(putText, (s) => s);
}

function norm(g: G, a: Area, v: OverviewView) {
  const max = Math.max(1e-9, v.norm.before);
  rows(g, a, v.tokens.length ? [
    { left: '‖in‖', right: v.norm.before.toFixed(1), bar: 1 },
    { left: '‖out‖', right: v.norm.after.toFixed(1), bar: v.norm.after / max },
  ] : []);
}

function next(g: G, a: Area, v: OverviewView) {
  const c = v.final[0];
  all<NonNullable<typeof c>, SVGTextElement>(g, 'text', 'gb-mo-next', c ? [c] : [])
    .call(put, 'x', a.x)
    .call(put, 'y', a.y + 16)
    .call(putText, (d) => clip(d.text, a.w / 9));
  all<NonNullable<typeof c>, SVGTextElement>(g, 'text', 'gb-mo-next-p gb-mo-muted', c ? [c] : [])
    .call(put, 'x', a.x)
    .call(put, 'y', a.y + 34)
    .call(putText, (d) => percent(d.p));
  all<NonNullable<typeof c>, SVGTextElement>(g, 'text', 'gb-mo-next-id gb-mo-muted', c ? [c] : [])
    .call(put, 'x', a.x)
    .call(put, 'y', a.y + 50)
    .call(putText, (d) => `id ${d.id}`);
}

/** Draw one stage's content into `g`. */
export function drawStage(g: G, kind: StageKind, stage: string, a: Area, v: OverviewView, vertical: boolean, maxNorm: number) {
  if (kind === 'tokens') tokens(g, a, v);
  else if (kind === 'embeddings') embeddings(g, a, v);
  else if (kind === 'block') block(g, a, v, layerOf(stage), vertical, maxNorm);
  else if (kind === 'norm') norm(g, a, v);
  else if (kind === 'logits') rows(g, a, v.logits.map((c) => ({ left: c.text, right: c.logit.toFixed(1) })));
  else if (kind === 'probs') rows(g, a, v.final.map((c) => ({ left: c.text, right: percent(c.p), bar: c.p / Math.max(1e-9, v.final[0].p) })));
  else next(g, a, v);
}
