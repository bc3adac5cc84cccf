/**
 * The emergence chart: points and lines on a log x axis (training FLOPs or parameters) against
 * a percentage, or one row per ability (the thresholds panel) with our own runs as marks; then
 * the notes, the legend and the cited table. Text goes through .text(), never markup.
 */
import { scaleLinear, scaleLog } from 'd3';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot } from '../kit/dom';
import { SERIES } from '../kit/palette';
import { dataTable } from '../kit/table';
import type { EmergenceExport, Series } from './data';

const M = { top: 16, right: 16, bottom: 44, left: 44 };
/** Okabe–Ito vermillion: our own runs, as the other calculators highlight the reader's own. */
const OURS = '#D55E00';
const ROW_H = 34;

/** "10²³" for a power of ten, as tick labels on a log axis. */
export function pow10(v: number): string {
  const e = Math.round(Math.log10(v));
  const sup: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
  return `10${String(e).split('').map((c) => sup[c]).join('')}`;
}

export function colourOf(series: readonly Series[], key: string): string {
  // Paired series (standard and chain of thought of one family) share a colour.
  const families = [...new Set(series.map((s) => s.key.replace(/-(standard|cot)$/, '')))];
  return SERIES[families.indexOf(key.replace(/-(standard|cot)$/, '')) % SERIES.length];
}

export function render(root: HTMLElement, data: EmergenceExport, options: ChartOptions = {}): Chart<EmergenceExport> {
  const base = clearedRoot(root);
  const title = base.append('p').attr('class', 'gb-em-title');
  const summary = base.append('p').attr('class', 'gb-em-summary').attr('aria-live', 'polite');
  const svg = base.append('svg').attr('class', 'gb-em-chart').attr('data-export', 'svg').attr('aria-hidden', 'true').attr('font-size', 12);
  const legend = base.append('ul').attr('class', 'gb-em-legend gb-calc-legend');
  const notes = base.append('ul').attr('class', 'gb-em-notes gb-calc-legend');
  const table = dataTable<EmergenceExport>(base, { cls: 'gb-em-table', columns: ['Series', 'Point', 'x', 'y', 'Read', 'Source'], scroll: { cls: 'table-scroll', focusable: true } }, (d) => ({
    caption: d.title,
    rows: [
      ...d.series.flatMap((s) =>
        s.points.map((p) => ({
          cells: [{ text: s.label }, { text: p.label, head: true }, { text: `${p.x.toExponential(2)} ${d.x.unit}` }, { text: d.y.kind === 'percent' ? `${p.y.toFixed(1)}%` : '' }, { text: p.approximate ? 'approximate (read off a figure)' : 'printed' }, { text: p.source }],
        })),
      ),
      ...d.ours.map((o) => ({ cls: 'gb-em-ours', cells: [{ text: 'This site' }, { text: o.label, head: true }, { text: `${o.x.toExponential(2)} FLOPs` }, { text: '' }, { text: 'computed: 6·N·D' }, { text: 'models.json, training-log.json, scaling-family.json' }] })),
    ],
  }));

  function draw(d: EmergenceExport, opts: ChartOptions) {
    const width = Math.max(300, Math.round(opts.width ?? 640));
    title.text(d.title);
    summary.text(d.summary);
    svg.selectChildren().remove();
    svg.append('title').text(d.summary);
    const all = d.series.flatMap((s) => s.points);
    const xs = [...all.map((p) => p.x), ...d.ours.map((o) => o.x)];
    const lo = 10 ** Math.floor(Math.log10(Math.min(...xs)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...xs)));
    const x = scaleLog().domain([lo, hi]).range([M.left, width - M.right]);
    const category = d.y.kind === 'category';
    const plotH = category ? all.length * ROW_H + (d.ours.length ? ROW_H : 0) : Math.round(Math.min(320, Math.max(200, width * 0.5)));
    const height = M.top + plotH + M.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const y = scaleLinear().domain([0, 100]).range([M.top + plotH, M.top]);
    const axes = svg.append('g').attr('class', 'gb-em-axes').attr('fill', 'currentColor');
    // Powers of ten only, thinned to one label per 40 px of axis.
    const decades = x.ticks().filter((t) => Number.isInteger(Math.log10(t)));
    const every = Math.ceil(decades.length / Math.max(2, Math.floor((width - M.left - M.right) / 40)));
    for (const [i, t] of decades.entries()) {
      axes.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', M.top).attr('y2', M.top + plotH).attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
      if (i % every === 0) axes.append('text').attr('x', x(t)).attr('y', M.top + plotH + 16).attr('text-anchor', 'middle').text(pow10(t));
    }
    axes.append('text').attr('x', (M.left + width - M.right) / 2).attr('y', height - 8).attr('text-anchor', 'middle').text(d.x.label);
    if (!category) {
      for (const t of y.ticks(5)) {
        axes.append('text').attr('x', M.left - 6).attr('y', y(t)).attr('dy', '0.35em').attr('text-anchor', 'end').text(t);
        axes.append('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
      }
      axes.append('text').attr('x', M.left).attr('y', M.top - 4).text(d.y.label);
    }
    const marks = svg.append('g').attr('class', 'gb-em-marks');
    if (category) {
      const rows = [...all.map((p) => ({ ...p, ours: false, shipped: false })), ...d.ours.map((o) => ({ x: o.x, y: 0, label: o.label, approximate: false, source: '', ours: true, shipped: o.shipped }))].sort((a, b) => a.x - b.x);
      const ourRows = rows.filter((r) => r.ours);
      // Our runs share one row: the family spans about two decades below the shipped model.
      const laid = [...rows.filter((r) => !r.ours)];
      const rowOf = (i: number) => M.top + ROW_H * (i + (ourRows.length ? 1 : 0)) + ROW_H - 8;
      if (ourRows.length) {
        const yy = M.top + ROW_H - 8;
        marks.append('text').attr('x', M.left).attr('y', yy - 12).attr('fill', 'currentColor').attr('font-size', 11).text('Our model (◆) and our scaling family (◇)');
        for (const r of ourRows) {
          marks.append('path').attr('data-ours', r.label).attr('d', `M${x(r.x)},${yy - 6}l6,6l-6,6l-6,-6z`).attr('fill', r.shipped ? OURS : 'none').attr('stroke', OURS).attr('stroke-width', 1.5);
        }
      }
      for (const [i, r] of laid.entries()) {
        const yy = rowOf(i);
        marks.append('text').attr('x', M.left).attr('y', yy - 10).attr('fill', 'currentColor').attr('font-size', 11).text(r.label);
        marks.append('line').attr('x1', M.left).attr('x2', x(r.x)).attr('y1', yy).attr('y2', yy).attr('stroke', SERIES[0]).attr('stroke-opacity', 0.35);
        marks.append('circle').attr('data-point', r.label).attr('cx', x(r.x)).attr('cy', yy).attr('r', 5).attr('fill', SERIES[0]);
      }
    } else {
      for (const s of d.series) {
        const c = colourOf(d.series, s.key);
        const g = marks.append('g').attr('data-series', s.key);
        g.append('path')
          .attr('d', 'M' + s.points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('L'))
          .attr('fill', 'none')
          .attr('stroke', c)
          .attr('stroke-width', 2)
          .attr('stroke-dasharray', s.dashed ? '5 4' : null);
        for (const p of s.points) {
          g.append('circle').attr('data-point', p.label).attr('cx', x(p.x)).attr('cy', y(p.y)).attr('r', 4.5).attr('fill', p.approximate ? 'none' : c).attr('stroke', c).attr('stroke-width', 1.5);
        }
      }
    }
    legend
      .selectAll<HTMLLIElement, Series>('li')
      .data(category ? [] : d.series)
      .join((enter) => {
        const li = enter.append('li');
        li.append('span').attr('class', 'gb-em-swatch').attr('aria-hidden', 'true');
        li.append('span').attr('class', 'gb-em-key');
        return li;
      })
      .attr('data-legend', (s) => s.key)
      .call((li) => li.select('.gb-em-swatch').style('border-top', (s) => `3px ${s.dashed ? 'dashed' : 'solid'} ${colourOf(d.series, s.key)}`))
      .call((li) => li.select('.gb-em-key').text((s) => s.label));
    const extra = category ? [] : d.series.some((s) => s.points.some((p) => p.approximate)) ? ['Hollow points were read off a figure and are approximate; filled points are printed in the paper.'] : [];
    notes
      .selectAll('li')
      .data([...extra, ...d.notes])
      .join('li')
      .text((n) => n);
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
