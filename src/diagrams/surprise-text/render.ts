/**
 * Surprise text: the reader's text, token by token, each tinted by the loss the model paid on
 * it (−ln p, nats). Hovering, tapping or arrowing to a token shows its row of the next-token
 * window (p, loss, rank, top 5) in a detail panel. The text is set in a monospace font so
 * line breaks can be computed without measuring (jsdom has no layout). Draws only inside `root`.
 */
import { interpolateViridis, scaleSequential, type Selection } from 'd3';
import { natsToBits } from '../../math/next-token';
import type { Chart, ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, listbox } from '../kit/dom';
import { percent, showToken } from '../kit/tokens';
import { emptyMessage, type WindowData, type WindowPosition } from '../kit/window/data';
import { clip, describePosition, followFocus, positionAt, positionsTable, rankText, summarize, wirePositions } from '../kit/window/view';

export interface SurpriseOptions extends ChartOptions {
  /** 1-based token whose details are shown (1 … T); default: the costliest. */
  position?: number;
  onSelect?: (position: number) => void;
}

export type SurpriseChart = Chart<WindowData, SurpriseOptions>;

/**
 * Colour domain in nats, fixed so one colour means one loss in every text. ln 8192 ≈ 9.0 nats is a
 * uniform guess over the vocabulary; a token the model thought less likely than that is capped.
 */
export const LOSS_MAX = 10;
const FONT = 14; // px
const CHAR_W = FONT * 0.6; // px: monospace advance, 0.6 em in the common monospace fonts
const LINE_H = 26; // px
const PAD_X = 3; // px around each token's text
const LEGEND_H = 68;
/** Below this width the legend keeps three ticks and a shorter title. */
const NARROW = 480;
const LEGEND_STEPS = 20;
const MIN_WIDTH = 280;

/** Viridis from light (low loss) to dark (high loss); colour-blind safe and monotone in lightness. */
const colour = scaleSequential((t: number) => interpolateViridis(1 - t)).domain([0, LOSS_MAX]).clamp(true);
/** Past this loss the tile is dark enough that its text needs to be white for AA contrast. */
const DARK_FROM = 0.55 * LOSS_MAX;

interface Tile {
  index: number;
  label: string;
  x: number;
  y: number;
  w: number;
  pos: WindowPosition | null;
}

/** Greedy line breaking on estimated widths; a token holding a newline ends its line. */
function tiles(d: WindowData, width: number): { tiles: Tile[]; height: number } {
  const out: Tile[] = [];
  let x = 0;
  let y = 0;
  const maxChars = Math.max(4, Math.floor((width - 2 * PAD_X) / CHAR_W));
  d.tokens.forEach((t, i) => {
    const label = clip(t.text, maxChars);
    const w = Array.from(label).length * CHAR_W + 2 * PAD_X;
    if (x > 0 && x + w > width) {
      x = 0;
      y += LINE_H;
    }
    out.push({ index: i + 1, label, x, y, w, pos: positionAt(d, i + 1) });
    x += w + 1;
    if (t.text.includes('\n')) {
      x = 0;
      y += LINE_H;
    }
  });
  return { tiles: out, height: y + LINE_H };
}

export function render(root: HTMLElement, data: WindowData, options: SurpriseOptions = {}): SurpriseChart {
  let opts = { ...options };
  let d = data;
  let width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
  let pos = pick(d, opts.position);
  const base = clearedRoot(root);

  const summary = base.append('p').attr('class', 'gb-st-summary');
  const note = base.append('p').attr('class', 'gb-st-note');
  const svg = exportSvg(base, 'gb-st-chart').attr('font-size', FONT);
  const [legend] = hiddenGroups(svg, 'gb-st-legend');
  const textG = listbox(svg, 'gb-st-tokens', 'horizontal', 'Tokens of the text: pick one with the arrow keys to see what the model expected');
  const detail = base.append('div').attr('class', 'gb-st-detail').attr('aria-live', 'polite');
  const detailText = detail.append('p');
  const detailList = detail.append('ol').attr('class', 'gb-st-guesses');
  const fillTable = positionsTable(base, 'gb-st', 'Each token after the first: what the model expected, and the loss it paid');
  let sel: Selection<SVGGElement, Tile, SVGGElement, unknown>;

  const unwire = wirePositions(
    textG as unknown as Selection<Element, unknown, null, undefined>,
    () => (d.tokens.length ? [1, d.tokens.length] : null),
    () => pos,
    (p) => opts.onSelect?.(p),
  );

  function drawLegend() {
    const w = Math.min(width, 420);
    const step = w / LEGEND_STEPS;
    legend
      .selectAll('rect')
      .data(Array.from({ length: LEGEND_STEPS }, (_, i) => ((i + 0.5) * LOSS_MAX) / LEGEND_STEPS))
      .join('rect')
      .attr('x', (_, i) => i * step)
      .attr('y', 18)
      .attr('width', step + 0.5)
      .attr('height', 12)
      .attr('fill', (v) => colour(v));
    const narrow = width < NARROW;
    const ticks = narrow ? [0, 5, 10] : [0, 2.5, 5, 7.5, 10];
    // Each tick on two lines, nats over bits, so neighbours never overlap at 360 px.
    const tick = legend
      .selectAll<SVGTextElement, number>('text.gb-st-tick')
      .data(ticks)
      .join((e) => {
        const t = e.append('text').attr('class', 'gb-st-tick').attr('font-size', 11).attr('fill', 'currentColor');
        t.append('tspan').attr('class', 'gb-st-nats');
        t.append('tspan').attr('class', 'gb-st-bits').attr('dy', 13);
        return t;
      })
      .attr('y', 44)
      .attr('text-anchor', (v) => (v === 0 ? 'start' : v === LOSS_MAX ? 'end' : 'middle'));
    tick.select('.gb-st-nats').attr('x', (v) => (v / LOSS_MAX) * w).text((v) => `${v} nats`);
    tick.select('.gb-st-bits').attr('x', (v) => (v / LOSS_MAX) * w).text((v) => `${natsToBits(v).toFixed(1)} bits`);
    legend
      .selectAll('text.gb-st-title')
      .data([0])
      .join((e) => e.append('text').attr('class', 'gb-st-title').attr('y', 12).attr('fill', 'currentColor'))
      .text(narrow ? 'Loss: light = expected, dark = surprising' : 'Loss on each token: light = expected, dark = surprising');
  }

  function layout() {
    const empty = emptyMessage(d);
    svg.attr('hidden', empty ? '' : null);
    detail.attr('hidden', empty ? '' : null);
    note.attr('hidden', d.truncated ? null : '').text(
      d.truncated ? `The text was cut to the model’s context: only the first ${d.tokens.length} tokens are shown.` : '',
    );
    const laid = tiles(d, width);
    const height = LEGEND_H + laid.height + 4;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    drawLegend();
    textG.attr('transform', `translate(0,${LEGEND_H})`);
    sel = textG
      .selectAll<SVGGElement, Tile>('g.gb-st-token')
      .data(laid.tiles)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-st-token').attr('role', 'option');
        g.append('rect').attr('rx', 3).attr('height', LINE_H - 4);
        g.append('text').attr('font-family', 'ui-monospace, Menlo, Consolas, monospace').attr('dy', '0.35em');
        return g;
      })
      .attr('data-token', (t) => t.index)
      .attr('data-loss', (t) => (t.pos ? t.pos.loss : null))
      .attr('transform', (t) => `translate(${t.x},${t.y})`)
      .attr('aria-label', (t) =>
        t.pos
          ? `Token ${t.index}: ${showToken(t.pos.target.text)}, loss ${t.pos.loss.toFixed(2)} nats, ${rankText(t.pos)}`
          : `Token ${t.index}: ${showToken(d.tokens[t.index - 1].text)}, the first token, not guessed`,
      );
    sel
      .select('rect')
      .attr('width', (t) => t.w)
      .attr('fill', (t) => (t.pos ? colour(t.pos.loss) : 'none'))
      .attr('stroke-dasharray', (t) => (t.pos ? null : '3 2'));
    sel
      .select('text')
      .attr('x', PAD_X)
      .attr('y', (LINE_H - 4) / 2)
      .attr('fill', (t) => (t.pos && t.pos.loss > DARK_FROM ? '#fff' : t.pos ? '#000' : 'currentColor'))
      .text((t) => t.label);
    fillTable(d);
  }

  function choose() {
    summary.text(surpriseSummary(d));
    sel
      .attr('aria-selected', (t) => String(t.index === pos))
      .attr('tabindex', (t) => (t.index === pos ? 0 : -1))
      .select('rect')
      .attr('stroke', (t) => (t.index === pos || !t.pos ? 'currentColor' : null))
      .attr('stroke-width', (t) => (t.index === pos ? 2 : 1));
    const p = positionAt(d, pos);
    detailText.text(
      pos === null
        ? ''
        : p
          ? `Token ${p.index}: ${describePosition(d, p)}`
          : `Token ${pos}: the first token has no guess, because the model had seen nothing before it.`,
    );
    detailList
      .selectAll('li')
      .data(p ? p.top : [])
      .join('li')
      .classed('is-target', (g) => !!p && g.id === p.target.id)
      .text((g) => `${showToken(g.text)} ${percent(g.p)}${p && g.id === p.target.id ? ' (the true token)' : ''}`);
    followFocus(textG.node() as SVGGElement, pos);
  }

  layout();
  choose();

  return {
    update(next, nextOptions) {
      const prevWidth = width;
      if (nextOptions) opts = { ...opts, ...nextOptions };
      width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
      const relayout = next !== d || width !== prevWidth;
      d = next;
      pos = pick(d, opts.position);
      if (relayout) layout();
      choose();
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}

/** The chosen token (1 … T), or by default the one the model found most surprising. */
function pick(d: WindowData, position: number | undefined): number | null {
  const T = d.tokens.length;
  if (T === 0) return null;
  if (Number.isFinite(position)) return Math.min(T, Math.max(1, Math.round(position as number)));
  if (d.positions.length === 0) return 1;
  return d.positions.reduce((a, b) => (b.loss > a.loss ? b : a)).index;
}

/** One line: where the model was most surprised, and the mean. */
export function surpriseSummary(d: WindowData): string {
  if (emptyMessage(d) || d.positions.length === 0) return summarize(d, null);
  const worst = d.positions.reduce((a, b) => (b.loss > a.loss ? b : a));
  return `The model was most surprised by token ${worst.index}, “${showToken(worst.target.text)}” (${worst.loss.toFixed(2)} nats = ${natsToBits(worst.loss).toFixed(2)} bits). ${summarize(d, null)}`;
}
