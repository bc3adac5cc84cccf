/**
 * One small SVG figure per story step, drawn from StoryData: the sentence (context), the q, k
 * and v vectors (qkv), q·k and its scaling (dot), the causal mask (mask), the softmax weights
 * (softmax) and the weighted sum with its size next to the residual stream (sum).
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works); text via .text().
 */
import { interpolatePuOr, scaleDiverging, scaleLinear, select, type Selection } from 'd3';
import { percent, showToken } from '../../diagrams/kit/tokens';
import type { StoryData } from './data';
import { num, topWeights } from './fills';

export const STEPS = ['context', 'qkv', 'dot', 'mask', 'softmax', 'sum'] as const;
export type StepId = (typeof STEPS)[number];

export interface FigureOptions {
  /** Width in CSS px; the figure lays out again rather than scaling its text. */
  width?: number;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

const MIN_W = 280; // px
const MAX_W = 560; // px
const FONT = 12; // px
const CHAR_W = 7.3; // px per 12 px monospace character
const ROW_H = 22; // px per token row
const LABEL_W = 84; // px for a token label in a row
const VALUE_W = 64; // px for "−12.34" or "100.0%"
const STRIP_H = 16; // px, one vector drawn as dh coloured cells
const ARCH = 40; // px above the first line of tokens, for the tallest arch
/** More rows than this would not fit a pinned panel: the rest are summarised in a last row. */
const MAX_ROWS = 11;

const clip = (s: string, n: number) => (Array.from(s).length > n ? Array.from(s).slice(0, n - 1).join('') + '…' : s);
const label = (d: StoryData, i: number) => clip(showToken(d.tokens[i].text), Math.floor((LABEL_W - 8) / CHAR_W));

/** Keys a row list shows: all up to the query when they fit, else the strongest, in order. */
export function shownKeys(d: StoryData, withLater: boolean): { rows: number[]; hidden: number } {
  const visible = Array.from({ length: d.query + 1 }, (_, j) => j);
  const later = withLater ? Array.from({ length: d.tokens.length - d.query - 1 }, (_, j) => d.query + 1 + j) : [];
  const all = [...visible, ...later];
  if (all.length <= MAX_ROWS) return { rows: all, hidden: 0 };
  // The key and the query always; then the strongest keys, leaving room for two masked ones.
  const room = MAX_ROWS - Math.min(2, later.length);
  const keep = new Set([d.key, d.query]);
  for (const e of topWeights(d, d.query + 1)) {
    if (keep.size >= room) break;
    keep.add(e.index);
  }
  const rows = visible.filter((j) => keep.has(j));
  const tail = later.slice(0, MAX_ROWS - rows.length);
  return { rows: [...rows, ...tail], hidden: all.length - rows.length - tail.length };
}

function strip(g: G, values: readonly number[], x: number, y: number, w: number, max: number, cls = '') {
  const color = scaleDiverging(interpolatePuOr).domain([max, 0, -max]);
  const cw = w / Math.max(1, values.length);
  g.append('g')
    .attr('class', `gb-st-strip ${cls}`.trim())
    .selectAll('rect')
    .data(values)
    .join('rect')
    .attr('x', (_, i) => x + i * cw)
    .attr('y', y)
    .attr('width', Math.max(0.5, cw - 0.5))
    .attr('height', STRIP_H)
    .attr('fill', (v) => color(v));
}

const maxAbs = (...vs: (readonly number[])[]) => Math.max(1e-9, ...vs.flat().map(Math.abs));

function text(g: G, x: number, y: number, s: string, cls = '', anchor = 'start') {
  g.append('text').attr('class', cls || null).attr('x', x).attr('y', y).attr('text-anchor', anchor).attr('fill', 'currentColor').text(s);
}

function rowLabel(g: G, d: StoryData, j: number, y: number) {
  const cls = j === d.key ? 'gb-st-key' : j === d.query ? 'gb-st-query' : j > d.query ? 'gb-st-later' : '';
  text(g, LABEL_W - 6, y + ROW_H / 2 + 4, label(d, j), `gb-st-label ${cls}`, 'end');
}

function context(g: G, d: StoryData, w: number): number {
  const pad = 6;
  let x = 0;
  let y = 0;
  const boxes = d.tokens.map((t, i) => {
    const bw = Math.min(w, Array.from(showToken(t.text)).length * CHAR_W + 2 * pad);
    if (x + bw > w && x > 0) {
      x = 0;
      y += 44;
    }
    const b = { i, x, y: y + ARCH, w: bw };
    x += bw + 6;
    return b;
  });
  // One arc from the query to every earlier token, as wide as that token's weight in the head.
  const q = boxes[d.query];
  for (const k of boxes.slice(0, d.query)) {
    const x1 = q.x + q.w / 2;
    const x2 = k.x + k.w / 2;
    // Same line: an arch above the chips, higher for farther tokens; an earlier line: an S-curve
    // through the gap between lines.
    const h = Math.min(ARCH, 10 + 4 * (d.query - k.i));
    const path =
      k.y === q.y
        ? `M${x1},${q.y}C${x1},${q.y - h} ${x2},${q.y - h} ${x2},${k.y}`
        : `M${x1},${q.y}C${x1},${q.y - 14} ${x2},${k.y + 38} ${x2},${k.y + 24}`;
    g.append('path')
      .attr('class', k.i === d.key ? 'gb-st-arc gb-st-keyarc' : 'gb-st-arc')
      .attr('stroke-width', (0.75 + 10 * d.weights[k.i]).toFixed(2))
      .attr('d', path);
  }
  for (const b of boxes) {
    const cls = b.i === d.query ? 'gb-st-query' : b.i === d.key ? 'gb-st-key' : b.i > d.query ? 'gb-st-later' : '';
    const t = g.append('g').attr('class', `gb-st-chip ${cls}`.trim()).attr('transform', `translate(${b.x},${b.y})`);
    t.append('rect').attr('width', b.w).attr('height', 24).attr('rx', 4);
    text(t, pad, 16, showToken(d.tokens[b.i].text));
  }
  text(g, 0, y + ARCH + 46, `wider arc = more attention (layer ${d.layer + 1}, head ${d.head + 1})`, 'gb-st-caption');
  return y + ARCH + 54;
}

function vectors(g: G, d: StoryData, w: number): number {
  const max = maxAbs(d.q, d.k, d.v);
  const rows: [string, readonly number[]][] = [
    [`query of ${showToken(d.tokens[d.query].text)}`, d.q],
    [`key of ${showToken(d.tokens[d.key].text)}`, d.k],
    [`value of ${showToken(d.tokens[d.key].text)}`, d.v],
  ];
  rows.forEach(([name, v], i) => {
    const y = i * 56;
    text(g, 0, y + 12, `${name} (${v.length} numbers)`, 'gb-st-caption');
    strip(g, v, 0, y + 18, w, max);
    text(g, 0, y + 48, v.slice(0, 4).map((x) => num(x)).join('  ') + '  …', 'gb-st-num');
  });
  return rows.length * 56;
}

function scoreRows(g: G, d: StoryData, w: number, withLater: boolean, y0: number): number {
  const { rows, hidden } = shownKeys(d, withLater);
  const finite = d.scores.filter(Number.isFinite);
  const m = Math.max(1e-9, ...finite.map(Math.abs));
  const barW = w - LABEL_W - VALUE_W;
  const x = scaleLinear().domain([-m, m]).range([LABEL_W, LABEL_W + barW]);
  rows.forEach((j, r) => {
    const y = y0 + r * ROW_H;
    rowLabel(g, d, j, y);
    if (j > d.query) {
      g.append('rect').attr('class', 'gb-st-masked').attr('x', LABEL_W).attr('y', y + 4).attr('width', barW).attr('height', ROW_H - 8);
      text(g, w, y + ROW_H / 2 + 4, '−∞', 'gb-st-num', 'end');
      return;
    }
    const s = d.scores[j];
    g.append('rect')
      .attr('class', j === d.key ? 'gb-st-bar gb-st-keybar' : 'gb-st-bar')
      .attr('x', Math.min(x(0), x(s)))
      .attr('y', y + 4)
      .attr('width', Math.max(1, Math.abs(x(s) - x(0))))
      .attr('height', ROW_H - 8);
    text(g, w, y + ROW_H / 2 + 4, num(s), 'gb-st-num', 'end');
  });
  g.append('line').attr('class', 'gb-st-zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', y0).attr('y2', y0 + rows.length * ROW_H);
  let h = y0 + rows.length * ROW_H;
  if (hidden) {
    text(g, LABEL_W, h + 14, `and ${hidden} more tokens`, 'gb-st-caption');
    h += 20;
  }
  return h;
}

function dots(g: G, d: StoryData, w: number): number {
  const prod = d.q.map((x, i) => x * d.k[i]);
  const rows: [string, readonly number[], number][] = [
    [`query of ${showToken(d.tokens[d.query].text)}`, d.q, maxAbs(d.q, d.k)],
    [`× key of ${showToken(d.tokens[d.key].text)}`, d.k, maxAbs(d.q, d.k)],
    ['= products, added up', prod, maxAbs(prod)],
  ];
  rows.forEach(([name, v, max], i) => {
    text(g, 0, i * 36 + 12, name, 'gb-st-caption');
    strip(g, v, 0, i * 36 + 16, w, max);
  });
  const y = rows.length * 36;
  text(g, 0, y + 14, `q·k = ${num(d.dots[d.key])};  ÷ √${d.headDim} = ${num(d.scores[d.key])}`, 'gb-st-num');
  text(g, 0, y + 38, 'scaled score of every token it can see', 'gb-st-caption');
  return scoreRows(g, d, w, false, y + 44);
}

function weights(g: G, d: StoryData, w: number): number {
  const { rows, hidden } = shownKeys(d, true);
  const barW = w - LABEL_W - VALUE_W;
  rows.forEach((j, r) => {
    const y = r * ROW_H;
    rowLabel(g, d, j, y);
    g.append('rect').attr('class', 'gb-st-track').attr('x', LABEL_W).attr('y', y + 4).attr('width', barW).attr('height', ROW_H - 8);
    g.append('rect')
      .attr('class', j === d.key ? 'gb-st-bar gb-st-keybar' : 'gb-st-bar')
      .attr('x', LABEL_W)
      .attr('y', y + 4)
      .attr('width', Math.max(j > d.query ? 0 : 1, d.weights[j] * barW))
      .attr('height', ROW_H - 8);
    text(g, w, y + ROW_H / 2 + 4, percent(d.weights[j]), 'gb-st-num', 'end');
  });
  let h = rows.length * ROW_H;
  if (hidden) {
    text(g, LABEL_W, h + 14, `and ${hidden} more tokens`, 'gb-st-caption');
    h += 20;
  }
  const total = d.weights.reduce((a, b) => a + b, 0);
  text(g, w, h + 16, `sum ${percent(total)}`, 'gb-st-num', 'end');
  return h + 24;
}

function sum(g: G, d: StoryData, w: number): number {
  const scaled = d.topValues.map((e) => e.v.map((x) => x * e.weight));
  const m = maxAbs(d.headOut, ...scaled);
  let y = 0;
  d.topValues.forEach((e, i) => {
    text(g, 0, y + 12, `${i ? '+ ' : ''}${percent(e.weight)} × value of ${showToken(d.tokens[e.index].text)}`, 'gb-st-caption');
    strip(g, scaled[i], 0, y + 18, w, m);
    y += 18 + STRIP_H + 8;
  });
  const rest = d.query + 1 - d.topValues.length;
  if (rest > 0) {
    text(g, 0, y + 12, `+ ${rest} smaller ${rest === 1 ? 'term' : 'terms'}`, 'gb-st-caption');
    y += 20;
  }
  text(g, 0, y + 12, `= this head's output for ${showToken(d.tokens[d.query].text)}`, 'gb-st-caption gb-st-strong');
  strip(g, d.headOut, 0, y + 18, w, m);
  y += 18 + STRIP_H + 28;
  const x = scaleLinear().domain([0, Math.max(d.streamNorm, d.attnNorm, 1e-9)]).range([0, w]);
  const bars: [string, number, string][] = [
    [`residual stream entering layer ${d.layer + 1}`, d.streamNorm, 'gb-st-bar'],
    [`what layer ${d.layer + 1}'s attention adds`, d.attnNorm, 'gb-st-bar gb-st-keybar'],
  ];
  for (const [name, v, cls] of bars) {
    text(g, 0, y, `${name}: length ${num(v)}`, 'gb-st-caption');
    g.append('rect').attr('class', cls).attr('x', 0).attr('y', y + 6).attr('width', Math.max(1, x(v))).attr('height', 14);
    y += 40;
  }
  return y;
}

const DRAW: Record<StepId, (g: G, d: StoryData, w: number) => number> = {
  context,
  qkv: vectors,
  dot: dots,
  mask: (g, d, w) => scoreRows(g, d, w, true, 0),
  softmax: weights,
  sum,
};

/** Draw step `step` into `root`, replacing what was there; returns the SVG height in px. */
export function drawFigure(root: HTMLElement, d: StoryData, step: StepId, options: FigureOptions = {}): number {
  const w = Math.max(MIN_W, Math.min(MAX_W, Math.round(options.width ?? MAX_W)));
  const base = select(root);
  base.selectChildren().remove();
  const svg = base.append('svg').attr('class', 'gb-st-figure').attr('data-step', step).attr('font-size', FONT).attr('aria-hidden', 'true');
  const g = svg.append('g').attr('transform', 'translate(0,4)');
  const h = Math.ceil(DRAW[step](g, d, w)) + 8;
  svg.attr('width', w).attr('height', h).attr('viewBox', `0 0 ${w} ${h}`);
  return h;
}
