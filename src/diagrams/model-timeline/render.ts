/**
 * The model timeline: one point per model, the chosen measure on a log scale against the year.
 * Published numbers are filled, outside estimates hollow and dashed, our model a vermillion
 * diamond; the highlighted model is ringed and labelled. Then the legend and the cited table.
 */
import { scaleLinear, scaleLog } from 'd3';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot } from '../kit/dom';
import { dataTable } from '../kit/table';
import { valueText, type TimelineExport, type TimelineRow } from './data';

const M = { top: 24, right: 20, bottom: 44, left: 52 };
/** Okabe–Ito blue for the published models, vermillion for ours (colour-blind safe). */
const FILL = '#0072B2';
const OURS = '#D55E00';

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const pow10 = (v: number) => `10${String(Math.round(Math.log10(v))).split('').map((c) => SUP[c]).join('')}`;
const cite = (c: TimelineRow['params']) => `${c.source.paper}, ${c.source.location}`;

export function render(root: HTMLElement, data: TimelineExport, options: ChartOptions = {}): Chart<TimelineExport> {
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-mt-summary').attr('aria-live', 'polite');
  const svg = base.append('svg').attr('class', 'gb-mt-chart').attr('data-export', 'svg').attr('aria-hidden', 'true').attr('font-size', 12);
  const legend = base.append('p').attr('class', 'gb-calc-legend gb-mt-legend');
  const focus = base.append('p').attr('class', 'gb-mt-focus');
  const table = dataTable<TimelineExport>(
    base,
    { cls: 'gb-mt-table', columns: ['Model', 'Published', 'Parameters', 'Training tokens', 'Context', 'What it introduced', 'Sources'], scroll: { cls: 'table-scroll', focusable: true } },
    (d) => ({
      caption: 'Models by date, with the source of every number; “estimate” marks an outside estimate',
      rows: d.rows.map((r) => ({
        cls: r.ours ? 'gb-mt-ours' : undefined,
        cells: [
          { text: r.name, head: true },
          { text: r.date },
          { text: valueText(r.params) },
          { text: valueText(r.tokens) },
          { text: valueText(r.context, 'context') },
          { text: r.innovation },
          { text: `Parameters: ${cite(r.params)}. Tokens: ${cite(r.tokens)}. Context: ${cite(r.context)}.` },
        ],
      })),
    }),
  );

  function draw(d: TimelineExport, opts: ChartOptions) {
    const width = Math.max(300, Math.round(opts.width ?? 640));
    const key = d.measure.key;
    const shown = d.rows.filter((r) => r[key].value !== null);
    summary.text(d.summary);
    svg.selectChildren().remove();
    svg.append('title').text(d.summary);
    const plotH = Math.round(Math.min(340, Math.max(240, width * 0.55)));
    const height = M.top + plotH + M.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const values = shown.map((r) => r[key].value as number);
    const years = d.rows.map((r) => r.year);
    const x = scaleLinear().domain([Math.floor(Math.min(...years)), Math.ceil(Math.max(...years) + 0.01)]).range([M.left, width - M.right]);
    const y = scaleLog().domain([10 ** Math.floor(Math.log10(Math.min(...values))), 10 ** Math.ceil(Math.log10(Math.max(...values)))]).range([M.top + plotH, M.top]);
    const axes = svg.append('g').attr('class', 'gb-mt-axes').attr('fill', 'currentColor');
    const yearTicks = x.ticks().filter((t) => Number.isInteger(t));
    // One year label per 44 px of axis.
    const everyYear = Math.ceil(yearTicks.length / Math.max(2, Math.floor((width - M.left - M.right) / 44)));
    for (const [i, t] of yearTicks.entries()) {
      axes.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', M.top).attr('y2', M.top + plotH).attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
      if (i % everyYear === 0) axes.append('text').attr('x', x(t)).attr('y', M.top + plotH + 16).attr('text-anchor', 'middle').text(t);
    }
    axes.append('text').attr('x', (M.left + width - M.right) / 2).attr('y', height - 8).attr('text-anchor', 'middle').text('year of publication');
    const decades = y.ticks().filter((t) => Number.isInteger(Math.log10(t)));
    const everyDecade = Math.ceil(decades.length / Math.max(2, Math.floor(plotH / 22)));
    for (const [i, t] of decades.entries()) {
      axes.append('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
      if (i % everyDecade === 0) axes.append('text').attr('x', M.left - 6).attr('y', y(t)).attr('dy', '0.35em').attr('text-anchor', 'end').text(pow10(t));
    }
    axes.append('text').attr('x', M.left).attr('y', M.top - 8).text(`${d.measure.label} (log scale)`);

    const marks = svg.append('g').attr('class', 'gb-mt-marks');
    // Labels on a layer of their own above every point, so their halo hides the points they cross.
    const labels = svg.append('g').attr('class', 'gb-mt-labels');
    for (const r of shown) {
      const cx = x(r.year);
      const cy = y(r[key].value as number);
      const est = Boolean(r[key].estimate);
      const g = marks.append('g').attr('data-model', r.id).attr('data-estimate', est ? 'true' : null);
      if (r.ours) g.append('path').attr('d', `M${cx},${cy - 7}l7,7l-7,7l-7,-7z`).attr('fill', OURS);
      else g.append('circle').attr('cx', cx).attr('cy', cy).attr('r', 5).attr('fill', est ? 'none' : FILL).attr('stroke', FILL).attr('stroke-width', 1.5).attr('stroke-dasharray', est ? '2 2' : null);
      if (r.id === d.state.highlight || r.ours) {
        if (r.id === d.state.highlight) g.append('circle').attr('class', 'gb-mt-ring').attr('cx', cx).attr('cy', cy).attr('r', 10).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.5);
        // Labels left of points in the right half, so they stay inside the chart at 360 px.
        const right = cx > (M.left + width - M.right) / 2;
        labels
          .append('text')
          .attr('data-label', r.id)
          .attr('x', cx + (right ? -13 : 13))
          .attr('y', cy)
          .attr('dy', '0.35em')
          .attr('text-anchor', right ? 'end' : 'start')
          .attr('fill', 'currentColor')
          .attr('font-weight', r.id === d.state.highlight ? 700 : 400)
          .attr('class', 'gb-mt-label')
          .text(`${r.ours ? 'ours' : r.name}: ${valueText(r[key], key)}`);
      }
    }
    legend.text('Filled blue: the authors’ own figure. Hollow, dashed: an outside estimate (the authors did not publish it). Orange diamond: this site’s model. Models whose figure was not published are left out of the chart and marked in the table.');
    const chosen = d.rows.find((r) => r.id === d.state.highlight);
    focus.text(
      chosen
        ? `${chosen.name} (${chosen.org}, ${chosen.date}): ${valueText(chosen.params)} parameters, ${valueText(chosen.tokens)} training tokens, context ${valueText(chosen.context, 'context')} tokens. ${chosen.innovation}. ${d.measure.label[0].toUpperCase()}${d.measure.label.slice(1)}: ${cite(chosen[key])}.`
        : 'No model highlighted.',
    );
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
