/**
 * The logit lens as a grid: one row per layer (the model's output on top, the embedding at the
 * bottom, as the stream flows up), one column per token. Each cell names the lens's top token
 * and its probability, tinted by that probability; a bold frame marks a cell whose top token is
 * the text's actual next token. Hover, tap or focus a cell (arrow keys move, ↑ is a later layer)
 * for its top 5 below the grid. Cells are laid out when the data or width changes; a selection
 * only moves classes on two cells and rewrites the five-row list.
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works); text via .text().
 */
import type { Selection } from 'd3';
import { clearedRoot, exportSvg, hiddenGroups, joinParts, liveLine } from '../kit/dom';
import { wirePicks } from '../kit/keys';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import { clampIndex, rowName, summarize, type LensCell, type LensChart, type LensOptions, type LensView } from './view';

const LABEL_W = 124; // px, row names
const CELL_W = 68; // px
const CELL_H = 40; // px
const HEAD_H = 30; // px, the input tokens under the grid
const CHARS = 7; // characters of a predicted token a cell shows; the list and table have all
/** Tint range: light enough that text on the cell keeps AA contrast in light and dark themes. */
const TINT = [0.05, 0.4] as const;

type Host = Selection<HTMLElement, unknown, null, undefined>;
type Cell = { l: number; t: number };

const clip = (s: string, n: number) => {
  const c = Array.from(showToken(s));
  return c.length > n ? c.slice(0, n - 1).join('') + '…' : c.join('');
};

/** The cell's words as drawn, then where it is. */
function cellLabel(d: LensView, l: number, t: number): string {
  const top = d.lens[l][t][0];
  return `${clip(top?.text ?? '', CHARS)} ${percent(top?.p ?? 0)}: ${rowName(l, d.lens.length)}, after “${showToken(d.tokens[t].text)}” (token ${t + 1})`;
}

function table(base: Host) {
  // Focusable, so a keyboard can scroll a table wider than the screen (axe scrollable-region-focusable).
  const t = dataTable<LensView>(base, { cls: 'gb-lay-table', scroll: { cls: 'gb-lay-scroll', label: 'Logit lens table, scrollable' } }, (d) => ({
    caption: 'Top prediction of the lens at each layer (rows) after each token (columns)',
    columns: [{ text: 'Layer' }, ...d.tokens.map((tk, i) => ({ text: `${i + 1} ${showToken(tk.text)}`, cls: 'gb-lay-mono' }))],
    rows: [...d.lens.keys()].reverse().map((l) => ({
      cells: [
        { text: rowName(l, d.lens.length), head: true },
        ...d.lens[l].map((c: LensCell[]) => ({ text: c[0] ? `${showToken(c[0].text)} ${percent(c[0].p)}` : '–', cls: 'gb-lay-mono' })),
      ],
    })),
  }));
  return (d: LensView) => t.update(d);
}

export function render(root: HTMLElement, data: LensView, options: LensOptions = {}): LensChart {
  let opts = { ...options };
  let d = data;
  let rows = d.lens.length;
  let T = d.tokens.length;
  let sel: Cell = { l: clampIndex(opts.layer, rows, rows - 1), t: clampIndex(opts.token, T, T - 1) };
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-lay-summary');
  const scroll = base.append('div').attr('class', 'gb-lay-scroll gb-ll-scroll');
  const svg = exportSvg(scroll, 'gb-lay-svg gb-ll-chart').attr('font-size', 12);
  const [labelsG] = hiddenGroups(svg, 'gb-ll-rows');
  const grid = svg
    .append('g')
    .attr('class', 'gb-ll-grid')
    .attr('role', 'grid')
    .attr('tabindex', -1)
    .attr('aria-label', 'Logit lens: rows are layers, columns are tokens. Arrow keys move; ↑ is a later layer.');
  // The cells' words are drawn in their own layer, outside the grid cells: each cell's name is its
  // aria-label alone, so the clipped words on screen can never disagree with it (WCAG 2.5.3).
  const wordsG = svg.append('g').attr('class', 'gb-ll-words').attr('aria-hidden', 'true').attr('pointer-events', 'none');
  const [inputsG] = hiddenGroups(svg, 'gb-ll-inputs');
  const top5 = base.append('div').attr('class', 'gb-ll-top').attr('aria-live', 'polite');
  const top5Title = top5.append('p').attr('class', 'gb-ll-top-title');
  const top5List = top5.append('ol').attr('class', 'gb-ll-top-list');
  const fillTable = table(base);

  const y = (l: number) => (rows - 1 - l) * CELL_H;
  const x = (t: number) => LABEL_W + t * CELL_W;
  const target = (ev: Event): Cell | null => {
    const el = (ev.target as Element | null)?.closest?.('[data-layer]');
    return el ? { l: Number(el.getAttribute('data-layer')), t: Number(el.getAttribute('data-token')) - 1 } : null;
  };
  const pick = (c: Cell | null) => {
    if (c && (c.l !== sel.l || c.t !== sel.t)) opts.onSelect?.(c.l, c.t);
  };
  const MOVES: Record<string, (c: Cell) => Cell> = {
    ArrowLeft: (c) => ({ ...c, t: c.t - 1 }),
    ArrowRight: (c) => ({ ...c, t: c.t + 1 }),
    ArrowUp: (c) => ({ ...c, l: c.l + 1 }),
    ArrowDown: (c) => ({ ...c, l: c.l - 1 }),
    Home: (c) => ({ ...c, t: 0 }),
    End: (c) => ({ ...c, t: T - 1 }),
  };
  const unwire = wirePicks(grid, target, pick, (ev) => {
    const move = MOVES[ev.key];
    if (!move || T === 0) return null;
    const n = move(sel);
    return { l: Math.min(rows - 1, Math.max(0, n.l)), t: Math.min(T - 1, Math.max(0, n.t)) };
  });

  function layout() {
    rows = d.lens.length;
    T = d.tokens.length;
    const width = LABEL_W + T * CELL_W + 4;
    const height = rows * CELL_H + HEAD_H;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    labelsG
      .selectAll('text')
      .data([...d.lens.keys()])
      .join('text')
      .attr('x', LABEL_W - 8)
      .attr('y', (l) => y(l) + CELL_H / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text((l) => rowName(l, rows));
    inputsG
      .selectAll('text')
      .data(d.tokens)
      .join('text')
      .attr('x', (_, t) => x(t) + CELL_W / 2)
      .attr('y', rows * CELL_H + HEAD_H / 2 + 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'middle')
      .attr('font-weight', 700)
      .text((tk) => clip(tk.text, CHARS));
    // No text, no rows: an empty row would break the grid's required structure.
    const rowG = grid
      .selectAll<SVGGElement, number>('g.gb-ll-row')
      .data(T ? [...d.lens.keys()].reverse() : [])
      .join('g')
      .attr('class', 'gb-ll-row')
      .attr('role', 'row');
    const cells = rowG
      .selectAll<SVGGElement, Cell>('g.gb-ll-cell')
      .data((l) => d.tokens.map((_, t) => ({ l, t })))
      .join((e) => {
        const g = e.append('g').attr('class', 'gb-ll-cell').attr('role', 'gridcell');
        g.append('rect').attr('class', 'gb-ll-bg');
        g.append('rect').attr('class', 'gb-ll-bar');
        return g;
      })
      .attr('data-layer', (c) => c.l)
      .attr('data-token', (c) => c.t + 1)
      .attr('tabindex', -1)
      .attr('aria-selected', 'false')
      .attr('aria-label', (c) => cellLabel(d, c.l, c.t))
      // The text's actual next token, predicted on top: the lens "already knows" it here.
      .classed('is-next', (c) => c.t + 1 < T && d.lens[c.l][c.t][0]?.id === d.tokens[c.t + 1].id)
      .classed('is-selected', false)
      .attr('transform', (c) => `translate(${x(c.t)},${y(c.l)})`);
    const p = (c: Cell) => d.lens[c.l][c.t][0]?.p ?? 0;
    cells.select('.gb-ll-bg').attr('width', CELL_W - 2).attr('height', CELL_H - 2).attr('fill-opacity', (c) => (TINT[0] + (TINT[1] - TINT[0]) * p(c)).toFixed(3));
    cells.select('.gb-ll-bar').attr('x', 2).attr('y', CELL_H - 6).attr('height', 3).attr('width', (c) => Math.max(1, (CELL_W - 6) * p(c)));
    const words = wordsG
      .selectAll<SVGGElement, Cell>('g')
      .data(cells.data())
      .join((e) => {
        const g = e.append('g');
        g.append('text').attr('class', 'gb-ll-tok');
        g.append('text').attr('class', 'gb-ll-p gb-lay-muted');
        return g;
      })
      .attr('transform', (c) => `translate(${x(c.t)},${y(c.l)})`);
    words
      .select('.gb-ll-tok')
      .attr('x', CELL_W / 2 - 1)
      .attr('y', 14)
      .attr('text-anchor', 'middle')
      .text((c) => clip(d.lens[c.l][c.t][0]?.text ?? '', CHARS));
    words
      .select('.gb-ll-p')
      .attr('x', CELL_W / 2 - 1)
      .attr('y', 28)
      .attr('font-size', 11)
      .attr('text-anchor', 'middle')
      .text((c) => percent(p(c)));
    fillTable(d);
  }

  function selectCell() {
    summary.text(summarize(d, sel.l, sel.t));
    const prev = grid.select<SVGGElement>('.gb-ll-cell.is-selected');
    prev.classed('is-selected', false).attr('aria-selected', 'false').attr('tabindex', -1);
    const cur = grid.select<SVGGElement>(`.gb-ll-cell[data-layer="${sel.l}"][data-token="${sel.t + 1}"]`);
    cur.classed('is-selected', true).attr('aria-selected', 'true').attr('tabindex', 0);
    const node = cur.node();
    const active = root.ownerDocument.activeElement;
    if (node && active && active !== node && grid.node()?.contains(active)) node.focus();
    const cell = T ? d.lens[sel.l]?.[sel.t] ?? [] : [];
    top5Title.text(T ? `Top ${cell.length} at ${rowName(sel.l, rows)}, after “${showToken(d.tokens[sel.t].text)}”:` : '');
    const li = joinParts(top5List.selectAll<HTMLLIElement, LensCell>('li').data(cell), 'li', [
      ['span', 'gb-lay-mono'],
      ['span', 'gb-ll-top-bar'],
      ['span', 'gb-ll-top-p'],
    ])
      .attr('data-token-id', (c) => c.id)
      .attr('data-p', (c) => c.p);
    li.select('.gb-lay-mono').text((c) => showToken(c.text));
    li.select('.gb-ll-top-bar').style('width', (c) => `${(c.p * 8).toFixed(2)}rem`);
    li.select('.gb-ll-top-p').text((c) => percent(c.p));
  }

  layout();
  selectCell();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      if (next !== d) {
        d = next;
        layout();
      }
      sel = { l: clampIndex(opts.layer, d.lens.length, d.lens.length - 1), t: clampIndex(opts.token, d.tokens.length, d.tokens.length - 1) };
      selectCell();
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}
