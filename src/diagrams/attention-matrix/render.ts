/**
 * The attention matrix of one head: a T×T grid, rows = queries, columns = keys, each visible
 * cell's opacity ∝ its weight on one colour-blind-safe hue. The upper triangle is what the causal
 * mask hides (a query cannot see later tokens); it is drawn hatched and labelled, not left blank,
 * so "zero because masked" never reads as "zero because ignored".
 *
 * Reading exact weights: hover a cell, or focus the query labels and use ↑ ↓ (query row) and
 * ← → (key within the row). The selected query row is outlined. Cells are laid out only when the
 * data or width changes; selecting a row or moving the read-out only moves two outlines.
 */
import { percent, showToken } from '../kit/tokens';
import { clampQuery, clip, summarize, table, type AttentionChart, type AttentionOptions, type AttentionView } from '../kit/attention/view';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';

const MIN_WIDTH = 280;
const MAX_CELL = 40; // px
const MIN_CELL = 2;
const CHAR_W = 7.2; // px per character of the 12 px monospace labels
const LABEL_PX = 14; // the smallest row pitch that still fits a label; denser rows label every n-th
const LEGEND_H = 40;
const RIGHT = 8;
/** Weight 0 still gets a faint tint, so a visible zero differs from a masked cell. */
const MIN_TINT = 0.04;

// Unique <pattern> ids when several matrices share a page. Build-time (Node) and browser renders
// count separately, so their prefixes differ: a page can hold both until every view has started.
let patterns = 0;
const ORIGIN = typeof window === 'undefined' ? 'b' : 'p';

type Cursor = { q: number; k: number } | null;

interface Layout {
  width: number;
  x0: number;
  y0: number;
  cell: number;
  step: number;
  chars: number;
}

function layoutFor(T: number, width: number | undefined): Layout {
  const w = Math.max(MIN_WIDTH, Math.round(width ?? 560));
  const x0 = Math.max(60, Math.min(140, Math.round(w * 0.22)));
  const cell = T ? Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((w - x0 - RIGHT) / T))) : MAX_CELL;
  const chars = Math.max(3, Math.floor((x0 - 8) / CHAR_W));
  return { width: w, x0, y0: Math.round(chars * CHAR_W * 0.71) + 12, cell, step: Math.ceil(LABEL_PX / cell), chars };
}

/** The masked upper triangle as one staircase outline (cells with key > query). */
function maskPath(T: number, x0: number, y0: number, c: number): string {
  if (T < 2) return '';
  let p = `M${x0 + c},${y0}H${x0 + T * c}V${y0 + (T - 1) * c}`;
  for (let k = T - 1; k >= 1; k--) p += `H${x0 + k * c}V${y0 + (k - 1) * c}`;
  return p + 'Z';
}

export function render(root: HTMLElement, data: AttentionView, options: AttentionOptions = {}): AttentionChart {
  let opts = { ...options };
  let d = data;
  let T = d.tokens.length;
  let q = clampQuery(opts.query, T);
  let lay = layoutFor(T, opts.width);
  let cursor: Cursor = null;
  const hatch = `gb-am-hatch-${ORIGIN}${++patterns}`;
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-att-summary');
  const readout = liveLine(base, 'gb-am-readout');
  const svg = exportSvg(base, 'gb-am-chart').attr('font-size', 12);
  const pattern = svg
    .append('defs')
    .append('pattern')
    .attr('id', hatch)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6);
  pattern.append('rect').attr('class', 'gb-am-hatch-bg').attr('width', 6).attr('height', 6);
  pattern.append('path').attr('class', 'gb-am-hatch-line').attr('d', 'M-1,1L1,-1M0,6L6,0M5,7L7,5');
  const cellsG = svg.append('g').attr('class', 'gb-am-cells');
  const mask = svg.append('path').attr('class', 'gb-am-mask').attr('fill', `url(#${hatch})`);
  mask.append('title').text('Masked: a query cannot attend to later tokens, so these weights are exactly 0.');
  const [maskLabel] = hiddenGroups(svg, 'gb-am-mask-label');
  maskLabel.append('rect').attr('height', 18).attr('rx', 3);
  const maskText = maskLabel.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text('masked (later tokens)');
  const rowBox = svg.append('rect').attr('class', 'gb-am-row').attr('aria-hidden', 'true');
  const cursorBox = svg.append('rect').attr('class', 'gb-am-cursor').attr('aria-hidden', 'true');
  const [keysG] = hiddenGroups(svg, 'gb-am-keys');
  const queriesG = listbox(svg, 'gb-am-queries', 'vertical', 'Query row: ↑ ↓ pick the query token, ← → read each key’s weight');
  const [legend] = hiddenGroups(svg, 'gb-am-legend');
  const tbl = table(base, 'gb-att');

  wireQueries(
    queriesG,
    () => T,
    () => q,
    (next) => opts.onSelect?.(next),
    { ArrowUp: (i) => i - 1, ArrowDown: (i) => i + 1, Home: () => 0, End: (_, n) => n - 1 },
  );
  queriesG.on('keydown.cursor', (ev: KeyboardEvent) => {
    const dir = ev.key === 'ArrowLeft' ? -1 : ev.key === 'ArrowRight' ? 1 : 0;
    if (!dir || T === 0) return;
    ev.preventDefault();
    const from = cursor && cursor.q === q ? cursor.k : q + (dir < 0 ? 1 : -1);
    cursor = { q, k: Math.min(q, Math.max(0, from + dir)) };
    showCursor();
  });
  cellsG
    .on('pointerover', (ev: PointerEvent) => {
      const el = (ev.target as Element).closest('[data-q]');
      if (!el) return;
      cursor = { q: Number(el.getAttribute('data-q')) - 1, k: Number(el.getAttribute('data-k')) - 1 };
      showCursor();
    })
    .on('click', () => {
      if (cursor && cursor.q !== q) opts.onSelect?.(cursor.q);
    });

  function showCursor() {
    const { x0, y0, cell } = lay;
    cursorBox.attr('visibility', cursor ? null : 'hidden');
    if (!cursor) {
      readout.text(T ? 'Hover a cell, or focus the query labels and press ← →, to read its exact weight.' : '');
      return;
    }
    const { q: cq, k } = cursor;
    cursorBox
      .attr('x', x0 + k * cell)
      .attr('y', y0 + cq * cell)
      .attr('width', cell)
      .attr('height', cell);
    const w = d.weights[cq * T + k];
    readout.text(
      `Query ${cq + 1} “${showToken(d.tokens[cq].text)}” → key ${k + 1} “${showToken(d.tokens[k].text)}”: ` +
        `${w.toFixed(6)} (${percent(w)})`,
    );
  }

  function layout() {
    T = d.tokens.length;
    const { width, x0, y0, cell, step, chars } = lay;
    const size = T * cell;
    const height = y0 + size + LEGEND_H;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const gap = cell >= 8 ? 1 : 0; // px between cells, where there is room for one
    const cells: number[] = [];
    for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) cells.push(i * T + j);
    cellsG
      .selectAll<SVGRectElement, number>('rect')
      .data(cells)
      .join('rect')
      .attr('class', 'gb-am-cell')
      .attr('data-q', (c) => Math.floor(c / T) + 1)
      .attr('data-k', (c) => (c % T) + 1)
      .attr('x', (c) => x0 + (c % T) * cell)
      .attr('y', (c) => y0 + Math.floor(c / T) * cell)
      .attr('width', cell - gap)
      .attr('height', cell - gap)
      .attr('fill-opacity', (c) => (MIN_TINT + (1 - MIN_TINT) * d.weights[c]).toFixed(3));
    mask.attr('d', maskPath(T, x0, y0, cell));
    // The 144 px label fits inside the triangle's upper right once the grid is 240 px or more.
    maskLabel.attr('visibility', size >= 240 ? null : 'hidden').attr('transform', `translate(${x0 + size * 0.64},${y0 + size * 0.18})`);
    maskLabel.select('rect').attr('x', -72).attr('y', -9).attr('width', 144);
    maskText.attr('x', 0);

    const indices = Array.from({ length: T }, (_, i) => i);
    const labelled = (i: number) => i % step === 0;
    keysG
      .selectAll<SVGTextElement, number>('text')
      .data(indices)
      .join('text')
      .attr('class', 'gb-am-k')
      .attr('data-key', (i) => i + 1)
      .attr('transform', (i) => `translate(${x0 + (i + 0.5) * cell},${y0 - 6}) rotate(-45)`)
      .text((i) => (labelled(i) ? clip(d.tokens[i].text, chars) : ''));
    const qs = queriesG
      .selectAll<SVGGElement, number>('g.gb-am-q')
      .data(indices)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-am-q').attr('role', 'option');
        g.append('rect').attr('class', 'gb-am-hit');
        g.append('text').attr('text-anchor', 'end').attr('dy', '0.35em');
        return g;
      })
      .attr('data-token', (i) => i + 1)
      .attr('aria-label', (i) => `Query ${i + 1} of ${T}: ${showToken(d.tokens[i].text)}`)
      .attr('transform', (i) => `translate(0,${y0 + i * cell})`);
    qs.select('rect').attr('width', x0).attr('height', cell);
    qs.select('text')
      .attr('x', x0 - 6)
      .attr('y', cell / 2)
      .text((i) => (labelled(i) ? clip(d.tokens[i].text, chars) : ''));

    legend.attr('transform', `translate(${x0},${y0 + size + 14})`);
    legend.selectChildren().remove();
    if (T) {
      [0, 0.25, 0.5, 0.75, 1].forEach((w, i) => {
        legend
          .append('rect')
          .attr('class', 'gb-am-cell')
          .attr('x', i * 18)
          .attr('width', 16)
          .attr('height', 16)
          .attr('fill-opacity', MIN_TINT + (1 - MIN_TINT) * w);
      });
      legend.append('text').attr('x', 96).attr('y', 8).attr('dy', '0.35em').text('0% → 100%');
      legend.append('rect').attr('class', 'gb-am-mask').attr('x', 180).attr('width', 16).attr('height', 16).attr('fill', `url(#${hatch})`);
      legend.append('text').attr('x', 202).attr('y', 8).attr('dy', '0.35em').text('masked');
    }
  }

  function selectQuery() {
    const { x0, y0, cell } = lay;
    summary.text(summarize(d, q));
    rowBox
      .attr('visibility', T ? null : 'hidden')
      .attr('x', x0)
      .attr('y', y0 + q * cell)
      .attr('width', (q + 1) * cell)
      .attr('height', cell);
    queriesG
      .selectAll<SVGGElement, number>('g.gb-am-q')
      .classed('is-selected', (i) => i === q)
      .attr('aria-selected', (i) => String(i === q))
      .attr('tabindex', (i) => (i === q ? 0 : -1))
      // A dense matrix labels every n-th row; the selected one always shows its token.
      .select('text')
      .text((i) => (i === q || i % lay.step === 0 ? clip(d.tokens[i].text, lay.chars) : ''));
    tbl.update(d, q);
    followFocus(queriesG.node() as SVGGElement, q);
  }

  layout();
  selectQuery();
  showCursor();

  return {
    update(next, nextOptions) {
      const prev = lay.width;
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const relayout = next !== d || layoutFor(next.tokens.length, opts.width).width !== prev;
      d = next;
      q = clampQuery(opts.query, d.tokens.length);
      if (relayout) {
        cursor = null;
        lay = layoutFor(d.tokens.length, opts.width);
        layout();
        showCursor();
      }
      selectQuery();
    },
    destroy() {
      queriesG.on('pointerover click focusin keydown keydown.cursor', null);
      cellsG.on('pointerover click', null);
      base.selectChildren().remove();
    },
  };
}
