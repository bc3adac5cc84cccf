/**
 * The three masks side by side (stacked on a phone): a panel per kind of model, each with its
 * grid(s), a line on the model, a summary per grid and a table per grid (the text alternative).
 * The picked kind is outlined; below WIDE px the other two fold to their title and a button,
 * so a phone shows one grid at a readable size. A grid is redrawn only when the data or the width
 * changes; picking a query row moves one outline and rewrites one summary.
 */
import { select } from 'd3';
import { clearedRoot, liveLine } from '../kit/dom';
import { dataTable, type DataTable } from '../kit/table';
import type { Grid, Kind, MasksData, Panel } from './data';
import { drawGrid, type GridChart } from './grid';
import { clampLine, datesLine, gridSummary, gridTable, panelLine, readout } from './text';

/** At or above this chart width (px) the three panels stand side by side. */
export const WIDE = 760;
const GAP = 16; // px between panels
/** A panel's padding and border, both sides (px): the grid gets the rest. */
const INSET = 20;

export interface MasksOptions {
  width?: number;
  /** The reader's layer and head, before each model clamps them. */
  layer?: number;
  head?: number;
  onKind?: (k: Kind) => void;
}

export interface MasksChart {
  update(data: MasksData, options?: MasksOptions): void;
  destroy(): void;
}

let patterns = 0;
const ORIGIN = typeof window === 'undefined' ? 'b' : 'p';

export function render(root: HTMLElement, data: MasksData, options: MasksOptions = {}): MasksChart {
  let d = data;
  let opts = { ...options };
  const hatch = `gb-mk-hatch-${ORIGIN}${++patterns}`;
  const base = clearedRoot(root);
  const read = liveLine(base, 'gb-mk-readout').text('Hover a cell for its exact weight; hover or focus a row’s token, then ↑ ↓, to read one query.');
  const panelsEl = base.append<HTMLElement>('div').attr('class', 'gb-mk-panels');
  let charts: GridChart[] = [];
  /** The picked query row (0-based) of each grid, kept across redraws of the same tokens. */
  const picked = new Map<string, { n: number; q: number }>();
  let tables: DataTable<Grid>[] = [];

  const width = () => Math.max(280, Math.round(opts.width ?? 960));
  const wide = () => width() >= WIDE;

  function draw() {
    for (const c of charts) c.destroy();
    charts = [];
    tables = [];
    panelsEl.selectChildren().remove();
    panelsEl.classed('is-wide', wide());
    const pw = (wide() ? Math.floor((width() - 2 * GAP) / 3) : width()) - INSET;
    for (const p of d.panels) drawPanel(p, pw);
  }

  function drawPanel(p: Panel, pw: number) {
    const open = wide() || p.kind === d.kind;
    // A named group, not a <section>: a named section is a landmark, and several copies of this
    // diagram on one page (the gallery) would repeat the landmarks' names.
    const sec = panelsEl
      .append<HTMLElement>('div')
      .attr('role', 'group')
      .attr('class', 'gb-mk-panel')
      .attr('data-kind', p.kind)
      .attr('data-origin', p.origin)
      .classed('is-picked', p.kind === d.kind)
      .attr('aria-label', p.title);
    sec.append('p').attr('class', 'gb-mk-title').text(p.title);
    if (!open) {
      sec
        .append('button')
        .attr('type', 'button')
        .attr('class', 'gb-mk-expand')
        .attr('data-kind', p.kind)
        .text(`Show the ${p.title.split(':')[0].toLowerCase()}`)
        .on('click', () => opts.onKind?.(p.kind));
      return;
    }
    sec.append('p').attr('class', 'gb-mk-meta').text(panelLine(p));
    const clamp = clampLine(p, opts.layer ?? p.layer, opts.head ?? p.head);
    if (clamp) sec.append('p').attr('class', 'gb-mk-note').text(clamp);
    if (p.kind === 'encdec') sec.append('p').attr('class', 'gb-mk-note').text(datesLine(p));
    for (const g of p.grids) {
      const key = `${p.kind}:${g.id}`;
      const prev = picked.get(key);
      const q = prev && prev.n === g.rows.length ? prev.q : g.rows.length - 1;
      picked.set(key, { n: g.rows.length, q });
      const box = sec.append<HTMLElement>('div').attr('class', 'gb-mk-grid').attr('data-grid', g.id);
      const summary = box.append('p').attr('class', 'gb-mk-summary').text(gridSummary(g, p, Math.max(0, q)));
      const scroll = box.append<HTMLElement>('div').attr('class', 'gb-mk-scroll');
      const chart = drawGrid(
        scroll,
        g,
        pw,
        hatch,
        // "Download image" saves the picked kind's first grid.
        p.kind === d.kind && g === p.grids[0],
        q,
        (next) => {
          picked.set(key, { n: g.rows.length, q: next });
          summary.text(gridSummary(g, p, next));
          chart.select(next);
        },
        (qq, k) => read.text(readout(g, qq, k)),
      );
      charts.push(chart);
      const t = dataTable<Grid>(box, { cls: 'gb-mk-table', scroll: { cls: 'gb-mk-table-scroll', label: `${g.caption}, as a table`, focusable: true }, lazy: true }, (gg) =>
        gridTable(gg, p),
      );
      t.update(g);
      tables.push(t);
    }
  }

  draw();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      d = next;
      draw();
    },
    destroy() {
      for (const c of charts) c.destroy();
      select(root).selectChildren().remove();
    },
  };
}
