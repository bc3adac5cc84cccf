/**
 * One mask as a grid: rows = queries, columns = keys. An allowed cell's opacity ∝ its weight on
 * one colour-blind-safe hue; a masked cell (a key after the query, under a causal mask) is drawn
 * hatched, so "0 because masked" never reads as "0 because ignored". Without weights (the model
 * is not available) the allowed cells are left empty and outlined: the mask alone.
 *
 * Row labels carry data-token (1-based) and are one listbox: hover, tap or focus picks a query
 * row, ↑ ↓ Home End move it. Hovering a cell reads its exact weight out through `onCell`.
 */
import type { Selection } from 'd3';
import { exportSvg, hiddenGroups, listbox } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';
import { clip } from '../kit/attention/view';
import { showToken } from '../kit/tokens';
import type { Grid } from './data';

const MAX_CELL = 28; // px
const MIN_CELL = 3;
const CHAR_W = 7.2; // px per character of the 12 px monospace labels
/** Weight 0 still gets a faint tint, so a visible zero differs from a masked cell. */
const MIN_TINT = 0.04;

type Host = Selection<HTMLElement, unknown, null, undefined>;

export interface GridChart {
  /** The picked query row (0-based) changed: outline it. */
  select(q: number): void;
  destroy(): void;
}

export const masked = (g: Grid, q: number, k: number) => g.causal && k > q;

/**
 * Draw `g` into `host` at `width` px. `prefix` makes its hatch pattern's id unique on the page;
 * each grid holds its own, so the one marked `exported` ("Download image") stands alone.
 */
export function drawGrid(
  host: Host,
  g: Grid,
  width: number,
  prefix: string,
  exported: boolean,
  q0: number,
  onPick: (q: number) => void,
  onCell: (q: number, k: number) => void,
): GridChart {
  const R = g.rows.length;
  const C = g.cols.length;
  const x0 = Math.max(48, Math.min(96, Math.round(width * 0.26)));
  const cell = C ? Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((width - x0 - 4) / C))) : MAX_CELL;
  const step = Math.ceil(13 / cell); // a denser grid labels every n-th row and column
  const chars = Math.max(3, Math.floor((x0 - 8) / CHAR_W));
  const y0 = Math.round(chars * CHAR_W * 0.71) + 10;
  const w = x0 + C * cell + 4;
  const h = y0 + R * cell + 4;
  let q = Math.min(Math.max(0, q0), Math.max(0, R - 1));

  const svg = exportSvg(host, 'gb-mk-svg').attr('width', w).attr('height', h).attr('viewBox', `0 0 ${w} ${h}`).attr('font-size', 12);
  if (!exported) svg.attr('data-export', null);
  const hatch = `${prefix}-${g.id}`;
  const pattern = svg.append('defs').append('pattern').attr('id', hatch).attr('patternUnits', 'userSpaceOnUse').attr('width', 6).attr('height', 6);
  pattern.append('rect').attr('class', 'gb-mk-hatch-bg').attr('width', 6).attr('height', 6);
  pattern.append('path').attr('class', 'gb-mk-hatch-line').attr('d', 'M-1,1L1,-1M0,6L6,0M5,7L7,5');
  const [cellsG, keysG] = hiddenGroups(svg, 'gb-mk-cells', 'gb-mk-keys');
  const rowBox = svg.append('rect').attr('class', 'gb-mk-row').attr('aria-hidden', 'true');
  const rowsG = listbox(svg, 'gb-mk-queries', 'vertical', `${g.caption}: query rows, ↑ ↓ pick one`);
  const gap = cell >= 8 ? 1 : 0;

  const cells: [number, number][] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) cells.push([i, j]);
  cellsG
    .selectAll('rect')
    .data(cells)
    .join('rect')
    .attr('data-q', ([i]) => i + 1)
    .attr('data-k', ([, j]) => j + 1)
    .attr('x', ([, j]) => x0 + j * cell)
    .attr('y', ([i]) => y0 + i * cell)
    .attr('width', cell - gap)
    .attr('height', cell - gap)
    .attr('class', ([i, j]) => (masked(g, i, j) ? 'gb-mk-masked' : g.weights ? 'gb-mk-cell' : 'gb-mk-open'))
    .attr('fill', ([i, j]) => (masked(g, i, j) ? `url(#${hatch})` : null))
    .attr('fill-opacity', ([i, j]) => (g.weights && !masked(g, i, j) ? (MIN_TINT + (1 - MIN_TINT) * g.weights[i][j]).toFixed(3) : null));
  cellsG.on('pointerover', (ev: PointerEvent) => {
    const el = (ev.target as Element).closest('[data-q]');
    if (el) onCell(Number(el.getAttribute('data-q')) - 1, Number(el.getAttribute('data-k')) - 1);
  });

  keysG
    .selectAll('text')
    .data(g.cols)
    .join('text')
    .attr('class', 'gb-mk-label')
    .attr('transform', (_, j) => `translate(${x0 + (j + 0.5) * cell},${y0 - 5}) rotate(-45)`)
    .text((t, j) => (j % step === 0 ? clip(t.text, chars) : ''));

  const rows = rowsG
    .selectAll('g')
    .data(g.rows)
    .join((enter) => {
      const r = enter.append('g').attr('class', 'gb-mk-q').attr('role', 'option');
      r.append('rect').attr('class', 'gb-mk-hit');
      r.append('text').attr('class', 'gb-mk-label').attr('text-anchor', 'end').attr('dy', '0.35em');
      return r;
    })
    .attr('data-token', (_, i) => i + 1)
    .attr('aria-label', (t, i) => `Query ${i + 1} of ${R}: ${showToken(t.text)}`)
    .attr('transform', (_, i) => `translate(0,${y0 + i * cell})`);
  rows.select('rect').attr('width', x0).attr('height', cell);
  rows.select('text').attr('x', x0 - 5).attr('y', cell / 2);

  const undo = wireQueries(rowsG, () => R, () => q, (next) => onPick(next));

  function select(next: number) {
    q = Math.min(Math.max(0, next), Math.max(0, R - 1));
    rowBox
      .attr('visibility', R ? null : 'hidden')
      .attr('x', x0)
      .attr('y', y0 + q * cell)
      .attr('width', C * cell)
      .attr('height', cell);
    rows
      .classed('is-selected', (_, i) => i === q)
      .attr('aria-selected', (_, i) => String(i === q))
      .attr('tabindex', (_, i) => (i === q ? 0 : -1))
      .select('text')
      .text((t, i) => (i === q || i % step === 0 ? clip(t.text, chars) : ''));
    followFocus(rowsG.node() as SVGGElement, q);
  }
  select(q);

  return {
    select,
    destroy() {
      undo();
      cellsG.on('pointerover', null);
    },
  };
}
