/**
 * Horizontal bars with a summary and a table: the shape shared by the memory and cost
 * calculators. The diagram turns its export into a BarsView; this draws it with a D3 join.
 * Text goes through .text(), never markup, so it runs the same in jsdom, at build time and live.
 */
import { scaleLinear, scaleLog, select } from 'd3';
import { redrawn, type Chart, type ChartOptions } from '../chart';

export interface Bar {
  key: string;
  label: string;
  /** > 0 on a log scale; null draws no bar (e.g. "not published"). */
  value: number | null;
  text: string;
  highlight?: boolean;
}

export interface BarsView {
  summary: string;
  bars: Bar[];
  scale: 'linear' | 'log';
  axisLabel: string;
  tick(v: number): string;
  /** Vertical reference lines, e.g. the memory of a common GPU. */
  refs?: { value: number; label: string }[];
  note?: string;
  caption: string;
  columns: string[];
  rows: string[][];
}

const ROW_H = 26;
const BAR_H = 18;
const AXIS_H = 40;
const LABEL_W = 190;
const VALUE_W = 110;
const MIN_WIDTH = 300;
/** Okabe–Ito: blue for bars, vermillion for the reader's own setting; both colour-blind safe. */
const FILL = '#0072B2';
const HIGHLIGHT = '#D55E00';

export function renderBars<X>(view: (data: X) => BarsView, prefix: string) {
  return function render(root: HTMLElement, data: X, options: ChartOptions = {}): Chart<X> {
    const base = select(root);
    base.selectChildren().remove();
    const summary = base.append('p').attr('class', `${prefix}-summary`);
    const svg = base.append('svg').attr('class', `${prefix}-chart`).attr('data-export', 'svg').attr('aria-hidden', 'true').attr('font-size', 13);
    const title = svg.append('title');
    const axis = svg.append('g').attr('class', `${prefix}-axis`);
    const rowsG = svg.append('g').attr('class', `${prefix}-rows`);
    const refsG = svg.append('g').attr('class', `${prefix}-refs`);
    const note = base.append('p').attr('class', `${prefix}-note gb-calc-legend`);
    const details = base.append('details').attr('class', `${prefix}-table`);
    details.append('summary').text('The numbers as a table');
    // Focusable (no landmark role: several copies may share a page), so a keyboard can scroll a table wider than the screen.
    const table = details.append('div').attr('class', 'table-scroll').attr('tabindex', 0).append('table');
    const caption = table.append('caption');
    const head = table.append('thead').append('tr');
    const tbody = table.append('tbody');

    function draw(d: X, opts: ChartOptions) {
      const v = view(d);
      const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
      const labelW = Math.min(LABEL_W, Math.round(width * 0.35));
      const x0 = labelW + 8;
      const x1 = width - VALUE_W;
      const values = v.bars.map((b) => b.value).filter((n): n is number => n !== null && n > 0);
      const hi = Math.max(...values, ...(v.refs ?? []).map((r) => r.value), 1e-9);
      const lo = Math.min(...values, hi);
      const x =
        v.scale === 'log'
          ? scaleLog().domain([10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))]).range([x0, x1]).clamp(true)
          : scaleLinear().domain([0, hi]).nice(4).range([x0, x1]);
      // Reference lines are labelled under the bars, away from the tick labels above them.
      const refH = v.refs?.length ? 18 : 0;
      const barsEnd = AXIS_H + v.bars.length * ROW_H + 4;
      const height = barsEnd + refH + 4;
      svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
      title.text(v.summary);
      summary.text(v.summary);
      const ticks = v.scale === 'log' ? x.ticks().filter((t) => Number.isInteger(Math.log10(t))) : x.ticks(4);
      // A tick label such as "0.030%" is about 38 px wide at 11 px: keep one per 44 px of axis, at most 7.
      const room = Math.max(2, Math.min(7, Math.floor((x1 - x0) / 44)));
      const thinned = ticks.filter((_, i) => i % Math.ceil(ticks.length / room) === 0);
      axis
        .selectAll('g')
        .data(thinned)
        .join((e) => {
          const g = e.append('g');
          g.append('line').attr('stroke', 'currentColor').attr('stroke-opacity', 0.25);
          g.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 11);
          return g;
        })
        .attr('transform', (t) => `translate(${x(t).toFixed(1)},0)`)
        .call((g) => g.select('line').attr('y1', AXIS_H - 4).attr('y2', barsEnd))
        .call((g) => g.select('text').attr('y', AXIS_H - 8).text((t) => v.tick(t)));
      axis.selectAll('text.axis-label').data([v.axisLabel]).join('text').attr('class', 'axis-label').attr('x', x0).attr('y', 14).attr('fill', 'currentColor').attr('font-size', 12).text((t) => t);
      const rows = rowsG
        .selectAll<SVGGElement, Bar>('g')
        .data(v.bars, (b) => b.key)
        .join((e) => {
          const g = e.append('g');
          g.append('text').attr('class', 'label').attr('text-anchor', 'end').attr('fill', 'currentColor').attr('dy', '0.35em');
          g.append('rect').attr('height', BAR_H).attr('y', -BAR_H / 2);
          g.append('text').attr('class', 'value').attr('fill', 'currentColor').attr('dy', '0.35em');
          return g;
        })
        .attr('data-bar', (b) => b.key)
        .attr('data-value', (b) => b.value ?? '')
        .attr('transform', (_, i) => `translate(0,${AXIS_H + i * ROW_H + ROW_H / 2})`);
      rows.select('.label').attr('x', labelW).attr('font-weight', (b) => (b.highlight ? 700 : 400)).text((b) => b.label);
      const start = v.scale === 'log' ? x.range()[0] : x(0);
      rows
        .select('rect')
        .attr('x', start)
        .attr('width', (b) => (b.value === null ? 0 : Math.max(1, x(b.value) - start)))
        .attr('fill', (b) => (b.highlight ? HIGHLIGHT : FILL));
      rows
        .select('.value')
        .attr('x', (b) => (b.value === null ? start : x(b.value)) + 6)
        .text((b) => b.text);
      refsG
        .selectAll('g')
        .data(v.refs ?? [])
        .join((e) => {
          const g = e.append('g');
          g.append('line').attr('stroke', 'currentColor').attr('stroke-dasharray', '4 3');
          g.append('text').attr('fill', 'currentColor').attr('font-size', 11).attr('text-anchor', 'middle');
          return g;
        })
        .attr('transform', (r) => `translate(${x(r.value).toFixed(1)},0)`)
        .call((g) => g.select('line').attr('y1', AXIS_H - 2).attr('y2', barsEnd))
        .call((g) => g.select('text').attr('y', barsEnd + 14).text((r) => r.label));
      note.text(v.note ?? '').attr('hidden', v.note ? null : '');
      caption.text(v.caption);
      head
        .selectAll('th')
        .data(v.columns)
        .join('th')
        .attr('scope', 'col')
        .text((c) => c);
      tbody
        .selectAll('tr')
        .data(v.rows)
        .join('tr')
        .selectAll('td')
        .data((r) => r)
        .join('td')
        .text((c) => c);
    }

    return redrawn(root, data, options, draw);
  };
}
