/**
 * The content of each stage's card, drawn into its own group with d3 joins (a new prompt
 * rewrites attributes of the same elements rather than making new ones, so a redraw stays within
 * a frame). All text goes through .text(); sizes in px, font 11 px monospace.
 */
import type { Selection } from 'd3';
import { percent, showToken } from '../kit/tokens';
import type { OverviewView } from './data';
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
    .attr('class', cls) as unknown as Selection<E, D, SVGGElement, unknown>;
}

/** Text rows: left label, right value, optional bar (0..1) under the value. */
function rows(g: G, a: Area, items: { left: string; right: string; bar?: number; cls?: string }[]) {
  const leftChars = (a.w * 0.58) / CHAR_W;
  all<(typeof items)[number], SVGTextElement>(g, 'text', 'gb-mo-left', items)
    .attr('x', a.x)
    .attr('y', (_, i) => a.y + i * ROW + 11)
    .text((d) => clip(d.left, leftChars));
  all<(typeof items)[number], SVGTextElement>(g, 'text', 'gb-mo-right gb-mo-muted', items)
    .attr('x', a.x + a.w)
    .attr('y', (_, i) => a.y + i * ROW + 11)
    .attr('text-anchor', 'end')
    .text((d) => d.right);
  const bars = items.filter((d) => d.bar !== undefined);
  all<(typeof items)[number], SVGRectElement>(g, 'rect', 'gb-mo-bar', bars)
    .attr('class', (d) => `gb-mo-bar ${d.cls ?? ''}`.trim())
    .attr('x', a.x)
    .attr('y', (_, i) => a.y + i * ROW + 13)
    .attr('height', 2)
    .attr('width', (d) => Math.max(1, a.w * (d.bar ?? 0)));
}

function tokens(g: G, a: Area, v: OverviewView) {
  const T = v.tokens.length;
  const fit = Math.max(1, Math.floor(a.h / ROW) - (T * ROW > a.h ? 1 : 0));
  const shown = v.tokens.slice(-fit);
  const items = shown.map((t) => ({ left: t.text, right: String(t.id) }));
  rows(g, { ...a, y: a.y + (T > fit ? ROW : 0) }, items);
  all<string, SVGTextElement>(g, 'text', 'gb-mo-more gb-mo-muted', T > fit ? [`+${T - fit} before`] : [])
    .attr('x', a.x)
    .attr('y', a.y + 11)
    .text((s) => s);
}

/** One sparkline per shown token: its d numbers entering the stream, left to right. */
function embeddings(g: G, a: Area, v: OverviewView) {
  const fit = Math.max(1, Math.floor(a.h / ROW));
  const shown = v.embed.slice(-fit);
  const labelW = Math.min(54, a.w * 0.35);
  const max = Math.max(1e-9, ...shown.flatMap((e) => e.values.map(Math.abs)));
  all<(typeof shown)[number], SVGTextElement>(g, 'text', 'gb-mo-left', shown)
    .attr('x', a.x)
    .attr('y', (_, i) => a.y + i * ROW + 11)
    .text((e) => clip(e.text, labelW / CHAR_W));
  all<(typeof shown)[number], SVGPathElement>(g, 'path', 'gb-mo-spark', shown).attr('d', (e, i) => {
    const x0 = a.x + labelW + 4;
    const w = a.w - labelW - 4;
    const mid = a.y + i * ROW + 7;
    const step = w / Math.max(1, e.values.length - 1);
    return 'M' + e.values.map((x, k) => `${(x0 + k * step).toFixed(1)},${(mid - (x / max) * 6).toFixed(1)}`).join('L');
  });
}

/** The last token's attention rows as a heads × keys heatmap (darker = more; √ so small weights show). */
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

function block(g: G, a: Area, v: OverviewView, layer: number, vertical: boolean, maxNorm: number) {
  const b = v.blocks[layer - 1];
  const att = b?.attention ?? [];
  const H = att.length;
  const K = Math.min(att[0]?.length ?? 0, THUMB_KEYS);
  const thumbW = vertical ? Math.min(120, a.w * 0.36) : a.w;
  const cellH = vertical ? a.h / Math.max(1, H) : Math.min(7, (a.h - 72) / Math.max(1, H));
  const cells = thumbCells(att);
  all<(typeof cells)[number], SVGRectElement>(g, 'rect', 'gb-mo-att', cells)
    .attr('x', (d) => a.x + (d.c * thumbW) / Math.max(1, K))
    .attr('y', (d) => a.y + d.h * cellH)
    .attr('width', thumbW / Math.max(1, K))
    .attr('height', cellH)
    .attr('fill-opacity', (d) => Math.sqrt(Math.min(1, d.w)).toFixed(3));
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
    .attr('x', r.x)
    .attr('y', (_, i) => r.y + (2 + i) * ROW + 11)
    .text((s) => s);
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
    .attr('x', a.x)
    .attr('y', a.y + 16)
    .text((d) => clip(d.text, a.w / 9));
  all<NonNullable<typeof c>, SVGTextElement>(g, 'text', 'gb-mo-next-p gb-mo-muted', c ? [c] : [])
    .attr('x', a.x)
    .attr('y', a.y + 34)
    .text((d) => percent(d.p));
  all<NonNullable<typeof c>, SVGTextElement>(g, 'text', 'gb-mo-next-id gb-mo-muted', c ? [c] : [])
    .attr('x', a.x)
    .attr('y', a.y + 50)
    .text((d) => `id ${d.id}`);
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
