/**
 * The seq2seq heatmap: rows are what attends (the decoder's positions, labelled by the token each
 * one writes, or the source tokens in the encoder view), columns what is attended to; a cell's
 * opacity ∝ its weight on one colour-blind-safe hue (kit/palette.ts). Decoder rows past the
 * current step have not run yet: their labels read "…" so the answer is not given away. The
 * decoder's self-attention is causal: cells above the diagonal are drawn as masked.
 *
 * Reading exact weights: hover a cell, or focus the row labels and use ↑ ↓ (row: in the decoder
 * views that is the step) and ← → (column). Play steps through the output on a GSAP timeline
 * this module owns and kills in destroy(); with reduced motion it jumps to the end.
 */
import { percent, showToken } from '../kit/tokens';
import { SERIES } from '../kit/palette';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';
import type { ChartOptions } from '../kit/chart';
import type { MatrixView } from './data';
import { outputPanel, summarize, weightsTable } from './view';

type Gsap = typeof import('gsap').gsap;

export interface Seq2SeqOptions extends ChartOptions {
  /** The selected row in the encoder view (0-based); the decoder views select the step's row. */
  row?: number;
  /** A row picked by pointer or keys. */
  onRow?: (row: number) => void;
  gsap?: Gsap;
}

export interface Seq2SeqChart {
  update(m: MatrixView, options?: Seq2SeqOptions): void;
  /** Step from `from` to `to`, calling `onStep(s)` for each; `onDone` at the end (or at once, reduced motion). */
  play(from: number, to: number, onStep: (s: number) => void, onDone: () => void): void;
  stop(): void;
  destroy(): void;
}

const MIN_WIDTH = 280;
const MAX_CELL = 40; // px
const MIN_CELL = 6;
const CHAR_W = 7.2; // px per character of the 12 px monospace labels
const RIGHT = 8;
const LABEL_PX = 14; // the smallest pitch that still fits a 12 px label
const LEGEND_H = 34;
/** Seconds per step while playing. */
const STEP_S = 0.7;
/** Weight 0 still gets a faint tint, so a visible zero differs from a masked or future cell. */
const MIN_TINT = 0.04;
const HUE = SERIES[0];

interface Layout {
  width: number;
  x0: number;
  y0: number;
  cell: number;
}

const longest = (xs: string[]) => xs.reduce((n, x) => Math.max(n, [...showToken(x)].length), 3);

function layoutFor(m: MatrixView, width: number | undefined): Layout {
  const w = Math.max(MIN_WIDTH, Math.round(width ?? 560));
  const x0 = Math.min(120, Math.round(longest(m.rows) * CHAR_W + 16));
  const C = m.cols.length;
  const cell = C ? Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((w - x0 - RIGHT) / C))) : MAX_CELL;
  return { width: w, x0, y0: Math.round(Math.min(16, longest(m.cols)) * CHAR_W * 0.71) + 14, cell };
}

export function render(root: HTMLElement, data: MatrixView, options: Seq2SeqOptions = {}): Seq2SeqChart {
  let opts = { ...options };
  let m = data;
  let lay = layoutFor(m, opts.width);
  let cursor: { r: number; c: number } | null = null;
  let timeline: ReturnType<Gsap['timeline']> | null = null;
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-s2s-summary');
  const panel = outputPanel(base);
  const readout = liveLine(base, 'gb-s2s-readout');
  const svg = exportSvg(base, 'gb-s2s-chart').attr('font-size', 12);
  const cellsG = svg.append('g').attr('class', 'gb-s2s-cells');
  const rowBox = svg.append('rect').attr('class', 'gb-s2s-row').attr('aria-hidden', 'true');
  const cursorBox = svg.append('rect').attr('class', 'gb-s2s-cursor').attr('aria-hidden', 'true');
  const [colsG, legend] = hiddenGroups(svg, 'gb-s2s-cols', 'gb-s2s-legend');
  const rowsG = listbox(svg, 'gb-s2s-rows', 'vertical', 'Rows: ↑ ↓ pick a row (in the decoder views, the step), ← → read each column’s weight');
  const tbl = weightsTable(base);

  const row = () => (m.view === 'encoder' ? Math.min(Math.max(0, opts.row ?? 0), m.rows.length - 1) : m.current);
  const label = (r: number) => (r < m.shown ? showToken(m.rows[r]) : '…');

  wireQueries(rowsG, () => m.rows.length, row, (r) => opts.onRow?.(r), {
    ArrowUp: (i) => i - 1,
    ArrowDown: (i) => i + 1,
    Home: () => 0,
    End: (_, n) => n - 1,
  });
  rowsG.on('keydown.cursor', (ev: KeyboardEvent) => {
    const dir = ev.key === 'ArrowLeft' ? -1 : ev.key === 'ArrowRight' ? 1 : 0;
    const r = row();
    if (!dir || r < 0 || !m.cols.length) return;
    ev.preventDefault();
    const from = cursor && cursor.r === r ? cursor.c : dir < 0 ? m.cols.length : -1;
    const last = m.causal ? r : m.cols.length - 1;
    cursor = { r, c: Math.min(last, Math.max(0, from + dir)) };
    showCursor();
  });
  cellsG
    .on('pointerover', (ev: PointerEvent) => {
      const el = (ev.target as Element).closest('[data-r]');
      if (!el) return;
      cursor = { r: Number(el.getAttribute('data-r')) - 1, c: Number(el.getAttribute('data-c')) - 1 };
      showCursor();
    })
    .on('click', (ev: MouseEvent) => {
      // A tap has no hover before it: the cell tapped is read out, and its row picked.
      const el = (ev.target as Element).closest('[data-r]');
      if (!el) return;
      cursor = { r: Number(el.getAttribute('data-r')) - 1, c: Number(el.getAttribute('data-c')) - 1 };
      showCursor();
      if (cursor.r !== row() && cursor.r < m.shown) opts.onRow?.(cursor.r);
    });
  colsG.on('pointerover', (ev: PointerEvent) => {
    const el = (ev.target as Element).closest('[data-token]');
    if (el) readout.text(`Column ${el.getAttribute('data-token')}: “${showToken(m.cols[Number(el.getAttribute('data-token')) - 1] ?? '')}”.`);
  });

  function showCursor() {
    const { x0, y0, cell } = lay;
    const ok = cursor && cursor.r < m.shown && !(m.causal && cursor.c > cursor.r);
    cursorBox.attr('visibility', ok ? null : 'hidden');
    if (!cursor || !ok) {
      readout.text('Hover a cell, or focus the row labels and press ← →, to read its exact weight.');
      return;
    }
    const { r, c } = cursor;
    cursorBox.attr('x', x0 + c * cell).attr('y', y0 + r * cell).attr('width', cell).attr('height', cell);
    const w = m.weights[r][c];
    const who = m.view === 'encoder' ? `Source “${showToken(m.rows[r])}”` : `Writing “${showToken(m.rows[r])}”`;
    readout.text(`${who} → “${showToken(m.cols[c])}” (column ${c + 1}): ${w.toFixed(6)} (${percent(w)})`);
  }

  function layout() {
    const { width, x0, y0, cell } = lay;
    const R = m.rows.length;
    const C = m.cols.length;
    const height = y0 + R * cell + LEGEND_H;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const gap = cell >= 8 ? 1 : 0;
    const cells: [number, number][] = [];
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) cells.push([r, c]);
    cellsG
      .selectAll<SVGRectElement, [number, number]>('rect')
      .data(cells)
      .join('rect')
      .attr('data-r', ([r]) => r + 1)
      .attr('data-c', ([, c]) => c + 1)
      .attr('x', ([, c]) => x0 + c * cell)
      .attr('y', ([r]) => y0 + r * cell)
      .attr('width', cell - gap)
      .attr('height', cell - gap);
    colsG
      .selectAll<SVGTextElement, string>('text')
      .data(m.cols)
      .join('text')
      .attr('class', 'gb-s2s-label')
      .attr('data-token', (_, i) => i + 1)
      .attr('transform', (_, i) => `translate(${x0 + (i + 0.5) * cell},${y0 - 6}) rotate(-45)`);
    const rows = rowsG
      .selectAll<SVGGElement, string>('g.gb-s2s-r')
      .data(m.rows)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-s2s-r').attr('role', 'option');
        g.append('rect').attr('class', 'gb-s2s-hit');
        g.append('text').attr('class', 'gb-s2s-label').attr('text-anchor', 'end').attr('dy', '0.35em');
        return g;
      })
      .attr('data-token', (_, i) => i + 1)
      .attr('transform', (_, i) => `translate(0,${y0 + i * cell})`);
    rows.select('rect').attr('width', x0).attr('height', cell);
    rows.select('text').attr('x', x0 - 6).attr('y', cell / 2);
    legend.attr('transform', `translate(${x0},${y0 + R * cell + 12})`);
    legend.selectChildren().remove();
    [0, 0.25, 0.5, 0.75, 1].forEach((w, i) => {
      legend.append('rect').attr('x', i * 18).attr('width', 16).attr('height', 16).attr('fill', HUE).attr('fill-opacity', MIN_TINT + (1 - MIN_TINT) * w);
    });
    legend.append('text').attr('class', 'gb-s2s-label').attr('x', 96).attr('y', 8).attr('dy', '0.35em').text('0% → 100%');
  }

  /** Colours and labels for the step and head: cheap, so every step redraws only these. */
  function paint(fresh: number) {
    const { x0, y0, cell } = lay;
    const r0 = row();
    // Dense grids (a long date at 360 px) label every n-th row and column; the selected row always.
    const every = Math.ceil(LABEL_PX / cell);
    const cls = ([r, c]: [number, number]) => (m.causal && c > r ? 'gb-s2s-masked' : r >= m.shown ? 'gb-s2s-future' : 'gb-s2s-cell');
    const sel = cellsG
      .selectAll<SVGRectElement, [number, number]>('rect')
      .attr('class', cls)
      .attr('fill', (d) => (cls(d) === 'gb-s2s-cell' ? HUE : null))
      .attr('fill-opacity', ([r, c]) => (cls([r, c]) === 'gb-s2s-cell' ? (MIN_TINT + (1 - MIN_TINT) * m.weights[r][c]).toFixed(3) : null));
    // The row the last step added fades in, unless motion is reduced.
    const g = opts.reducedMotion || !opts.gsap ? null : opts.gsap;
    if (g && fresh >= 0) g.from(sel.filter(([r]) => r === fresh).nodes(), { opacity: 0, duration: 0.3 });
    rowsG
      .selectAll<SVGGElement, string>('g.gb-s2s-r')
      .classed('is-selected', (_, i) => i === r0)
      .attr('aria-selected', (_, i) => String(i === r0))
      .attr('tabindex', (_, i) => (i === r0 ? 0 : -1))
      .attr('aria-label', (_, i) => `${m.view === 'encoder' ? 'Source token' : 'Step'} ${i + 1} of ${m.rows.length}: ${label(i)}`)
      .select('text')
      .text((_, i) => (i === r0 || i % every === 0 ? label(i) : ''));
    // The decoder's own columns are its inputs: those past the step are not written yet.
    colsG
      .selectAll<SVGTextElement, string>('text')
      .text((t, i) => (i % every ? '' : m.causal && i > m.step ? '…' : showToken(t)));
    rowBox
      .attr('visibility', r0 >= 0 ? null : 'hidden')
      .attr('x', x0)
      .attr('y', y0 + Math.max(0, r0) * cell)
      .attr('width', m.cols.length * cell)
      .attr('height', cell);
    summary.text(summarize(m, r0));
    panel.update(m);
    tbl.update(m);
    followFocus(rowsG.node() as SVGGElement, r0);
  }

  function stop() {
    timeline?.kill();
    timeline = null;
  }

  layout();
  paint(-1);
  showCursor();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const prev = m;
      m = next;
      const nl = layoutFor(m, opts.width);
      const relayout = nl.width !== lay.width || nl.cell !== lay.cell || nl.x0 !== lay.x0 || prev.view !== m.view || prev.rows.length !== m.rows.length || prev.cols.join('\u0000') !== m.cols.join('\u0000');
      lay = nl;
      if (relayout) {
        cursor = null;
        layout();
      }
      paint(!relayout && m.step === prev.step + 1 && m.view !== 'encoder' ? m.step : -1);
      showCursor();
    },
    play(from, to, onStep, onDone) {
      stop();
      if (opts.reducedMotion || !opts.gsap || from >= to) {
        onStep(to);
        onDone();
        return;
      }
      const tl = opts.gsap.timeline({ onComplete: () => ((timeline = null), onDone()) });
      for (let s = from + 1; s <= to; s++) tl.call(onStep, [s], (s - from) * STEP_S);
      timeline = tl;
    },
    stop,
    destroy() {
      stop();
      opts.gsap?.killTweensOf(cellsG.selectAll('rect').nodes());
      rowsG.on('pointerover click focusin keydown keydown.cursor', null);
      cellsG.on('pointerover click', null);
      colsG.on('pointerover', null);
      base.selectChildren().remove();
    },
  };
}
