/**
 * The next-token window: one row per position of the reader's text. Each row shows what the
 * model had seen, the true next token (boxed, in its rank band's colour), what that token cost
 * (p, loss, rank) and the model's five best guesses. Below: the mean loss and perplexity.
 * Draws only inside `root` (document from `root.ownerDocument`, so jsdom works); text goes
 * through d3 `.text()`, never markup. A hover only restyles rows (the fast path); the rows are
 * laid out again only when the data or the width change.
 */
import type { Selection } from 'd3';
import { RANK_BANDS } from '../../math/next-token';
import type { Chart, ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { percent } from '../kit/tokens';
import { clampPosition, emptyMessage, type WindowData, type WindowPosition } from '../kit/window/data';
import {
  BAND_COLOURS,
  bitsText,
  clip,
  followFocus,
  nats,
  perplexityText,
  positionsTable,
  rankText,
  seenText,
  summarize,
  tailChars,
  wirePositions,
} from '../kit/window/view';

export interface WindowOptions extends ChartOptions {
  /** 1-based position of the target token (2 … T); clamped to the text. Default: the last. */
  position?: number;
  /** The reader hovered, tapped or arrowed to a position (1-based). */
  onSelect?: (position: number) => void;
}

export type WindowChart = Chart<WindowData, WindowOptions>;

type GuessView = WindowPosition['top'][number] & { hit: boolean };

const NARROW = 560; // px: below this a row takes four lines instead of two
const MIN_WIDTH = 300;
const LINE = 18; // px per text line in a row
const ROW_GAP = 8;
const CHAR_W = 7.4; // px per character at 13 px, a conservative average for the label fits
const TARGET_W = 104; // px, the boxed target token
const STRIPE = 6; // px, the band-colour stripe at each row's left
const LEGEND_H = 30;
const FOOT_H = 52;
/** Below NARROW the footer takes three lines. */
const FOOT_H_NARROW = 74;
/** Legend items per line below NARROW: the labels ("top 1,000") need half the width each. */
const LEGEND_NARROW = 2;

interface Layout {
  width: number;
  narrow: boolean;
  rowH: number;
  targetX: number;
  seenChars: number;
  targetChars: number;
  /** Guess slots per line, and their width in px. */
  slots: number;
  slotW: number;
}

function layoutFor(width = 720): Layout {
  const w = Math.max(MIN_WIDTH, Math.round(width));
  const narrow = w < NARROW;
  const targetX = narrow ? Math.round(w * 0.58) : Math.round(w * 0.42);
  const targetW = narrow ? w - targetX - 2 : TARGET_W;
  const slots = narrow ? 3 : 5;
  return {
    width: w,
    narrow,
    rowH: (narrow ? 4 : 2) * LINE + ROW_GAP,
    targetX,
    seenChars: Math.max(6, Math.floor((targetX - STRIPE - 16) / CHAR_W)),
    targetChars: Math.max(4, Math.floor((targetW - 10) / CHAR_W)),
    slots,
    slotW: (w - STRIPE - 10) / slots,
  };
}

export function render(root: HTMLElement, data: WindowData, options: WindowOptions = {}): WindowChart {
  let opts = { ...options };
  let d = data;
  let lay = layoutFor(opts.width);
  let pos = clampPosition(d, opts.position);
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-ntw-summary');
  const note = base.append('p').attr('class', 'gb-ntw-note');
  const svg = exportSvg(base, 'gb-ntw-chart').attr('font-size', 13);
  const [legend] = hiddenGroups(svg, 'gb-ntw-legend');
  const rowsG = listbox(svg, 'gb-ntw-rows', 'vertical', 'Positions in the text: pick one with the arrow keys');
  const [foot] = hiddenGroups(svg, 'gb-ntw-foot');
  const footMean = foot.append('text').attr('class', 'gb-ntw-mean').attr('font-weight', 600);
  const footPpl = foot.append('text').attr('class', 'gb-ntw-ppl').attr('font-weight', 600);
  const footLine = foot.append('text').attr('class', 'gb-ntw-train');
  const fillTable = positionsTable(base, 'gb-ntw', 'Each position: what the model saw, and what the true next token cost it');
  let rows: Selection<SVGGElement, WindowPosition, SVGGElement, unknown>;

  const unwire = wirePositions(
    rowsG as unknown as Selection<Element, unknown, null, undefined>,
    () => (d.positions.length ? [d.positions[0].index, d.positions[d.positions.length - 1].index] : null),
    () => pos,
    (p) => opts.onSelect?.(p),
  );

  /** Everything that depends on the data or the width, not on the selected position. */
  function layout() {
    const { width, rowH, narrow, targetX, seenChars, targetChars, slots, slotW } = lay;
    const empty = emptyMessage(d);
    note.text(
      d.truncated ? `The text was cut to the model’s context: only the first ${d.tokens.length} tokens are scored.` : '',
    );
    note.attr('hidden', d.truncated ? null : '');
    svg.attr('hidden', empty ? '' : null);
    const n = d.positions.length;
    const perLine = narrow ? LEGEND_NARROW : RANK_BANDS.length;
    const rowsTop = LEGEND_H * Math.ceil(RANK_BANDS.length / perLine);
    const height = rowsTop + n * rowH + (narrow ? FOOT_H_NARROW : FOOT_H);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    svg.attr('data-motion', opts.reducedMotion ? 'off' : 'on');

    const sw = width / perLine;
    const items = legend
      .selectAll<SVGGElement, (typeof RANK_BANDS)[number]>('g')
      .data(RANK_BANDS)
      .join((enter) => {
        const g = enter.append('g');
        g.append('rect').attr('width', 14).attr('height', 14).attr('rx', 2).attr('stroke', 'currentColor').attr('stroke-opacity', 0.4);
        g.append('text').attr('x', 20).attr('y', 7).attr('dy', '0.35em').attr('fill', 'currentColor');
        return g;
      })
      .attr('transform', (_, i) => `translate(${(i % perLine) * sw},${Math.floor(i / perLine) * LEGEND_H + 4})`);
    items.select('rect').attr('fill', (b) => BAND_COLOURS[b.id]);
    items.select('text').text((b) => (narrow ? b.label : `true token ${b.label}`));

    rowsG.attr('transform', `translate(0,${rowsTop})`);
    rows = rowsG
      .selectAll<SVGGElement, WindowPosition>('g.gb-ntw-row')
      .data(d.positions, (p) => String(p.index))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-ntw-row').attr('role', 'option');
        g.append('rect').attr('class', 'gb-ntw-hit').attr('fill', 'currentColor').attr('rx', 4);
        g.append('rect').attr('class', 'gb-ntw-stripe').attr('width', STRIPE).attr('rx', 2);
        g.append('text').attr('class', 'gb-ntw-seen').attr('text-anchor', 'end').attr('fill', 'currentColor').attr('fill-opacity', 0.75);
        g.append('rect').attr('class', 'gb-ntw-target-box').attr('rx', 3).attr('height', LINE).attr('fill-opacity', 0.35);
        g.append('text').attr('class', 'gb-ntw-target').attr('font-weight', 600).attr('fill', 'currentColor');
        g.append('text').attr('class', 'gb-ntw-score').attr('fill', 'currentColor');
        g.append('g').attr('class', 'gb-ntw-guesses');
        return g;
      })
      .attr('data-token', (p) => p.index)
      .attr('data-band', (p) => p.band)
      .attr('data-p', (p) => p.p)
      .attr('data-rank', (p) => p.rank)
      // No aria-label: the row's own text (seen, target, score, guesses) names the option, so
      // what a screen reader says is what is on screen (axe: label-content-name-mismatch).
      .attr('transform', (_, i) => `translate(0,${i * rowH})`);
    const y1 = LINE / 2 + 2;
    rows.select('.gb-ntw-hit').attr('width', width).attr('height', rowH - 2).attr('y', -1);
    rows.select('.gb-ntw-stripe').attr('height', rowH - ROW_GAP).attr('fill', (p) => BAND_COLOURS[p.band]);
    rows
      .select('.gb-ntw-seen')
      .attr('x', targetX - 6)
      .attr('y', y1)
      .attr('dy', '0.35em')
      .text((p) => tailChars(seenText(d, p), seenChars));
    rows
      .select('.gb-ntw-target-box')
      .attr('x', targetX)
      .attr('y', y1 - LINE / 2)
      .attr('width', narrow ? width - targetX - 2 : TARGET_W)
      .attr('fill', (p) => BAND_COLOURS[p.band]);
    rows
      .select('.gb-ntw-target')
      .attr('x', targetX + 5)
      .attr('y', y1)
      .attr('dy', '0.35em')
      .text((p) => clip(p.target.text, targetChars));
    rows
      .select('.gb-ntw-score')
      .attr('x', narrow ? STRIPE + 8 : targetX + TARGET_W + 10)
      .attr('y', narrow ? y1 + LINE : y1)
      .attr('dy', '0.35em')
      .text((p) => `p ${percent(p.p)} · ${nats(p.loss)} · ${rankText(p)}`);
    const guessChars = Math.max(3, Math.floor((slotW - 8) / 6.6) - 7);
    rows
      .select<SVGGElement>('.gb-ntw-guesses')
      .attr('transform', `translate(${STRIPE + 8},${narrow ? y1 + 2 * LINE : y1 + LINE})`)
      .selectAll<SVGTextElement, GuessView>('text')
      .data((p) => p.top.map((g) => ({ ...g, hit: g.id === p.target.id })))
      .join((enter) => enter.append('text').attr('dy', '0.35em').attr('font-size', 12).attr('fill', 'currentColor'))
      .attr('x', (_, i) => (i % slots) * slotW)
      .attr('y', (_, i) => Math.floor(i / slots) * LINE)
      .attr('font-weight', (g) => (g.hit ? 700 : null))
      .attr('text-decoration', (g) => (g.hit ? 'underline' : null))
      .text((g, i) => `${i + 1}. ${clip(g.text, guessChars)} ${percent(g.p)}`);

    const footY = rowsTop + n * rowH + 14;
    const mean = `Mean loss ${nats(d.mean_loss)} (${bitsText(d.mean_loss)}) per token`;
    const ppl = `perplexity e^loss = ${perplexityText(d.perplexity)}`;
    // Narrow: mean and perplexity on lines of their own, so neither runs past the edge.
    footMean.attr('x', 0).attr('y', footY).text(narrow ? mean : `${mean}; ${ppl}`);
    footPpl
      .attr('x', 0)
      .attr('y', footY + 22)
      .text(narrow ? ppl.replace(/^p/, 'P') : '');
    footLine
      .attr('x', 0)
      .attr('y', footY + (narrow ? 44 : 22))
      .text(narrow ? 'This mean is what training lowers.' : `This mean, over ${n} guesses from one pass, is what training lowers.`);
    fillTable(d);
  }

  /** The position styled as selected now: a hover restyles only it and the new one. */
  let shown: number | null = null;

  /** The fast path: only what follows the selected position; `all` after a layout. */
  function choose(all = true) {
    summary.text(summarize(d, pos));
    const touched = all ? rows : rows.filter((p) => p.index === pos || p.index === shown);
    shown = pos;
    touched
      .classed('is-selected', (p) => p.index === pos)
      .attr('aria-selected', (p) => String(p.index === pos))
      .attr('tabindex', (p) => (p.index === pos ? 0 : -1));
    touched.select('.gb-ntw-hit').attr('fill-opacity', (p) => (p.index === pos ? 0.09 : 0));
    followFocus(rowsG.node() as SVGGElement, pos);
  }

  layout();
  choose();

  return {
    update(next, nextOptions) {
      const prev = { width: lay.width, motion: opts.reducedMotion };
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const nextLay = layoutFor(opts.width);
      const relayout = next !== d || nextLay.width !== prev.width || opts.reducedMotion !== prev.motion;
      d = next;
      lay = nextLay;
      pos = clampPosition(d, opts.position);
      if (relayout) layout();
      choose(relayout);
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}
