/**
 * Sinusoidal vs learned positions: two position × dimension heatmaps (one <image> each, drawn
 * by png.ts, so the SVG stays small and exports whole) and a line chart of the mean cosine
 * similarity between positions Δ apart, for both. Hover a heatmap cell or the chart (or focus
 * the chart and use ← →) for exact numbers. The table after it is the text alternative.
 */
import { interpolatePuOr, line, scaleLinear } from 'd3';
import { leftTicks } from '../kit/ticks';
import { indexedPng } from './png';
import { matrixOf, tableDistances, type PositionsView } from './data';
import { clearedRoot } from '../kit/dom';

export interface PositionsOptions {
  width?: number;
}

export interface PositionsChart {
  update(data: PositionsView, options?: PositionsOptions): void;
  destroy(): void;
}

const PALETTE: [number, number, number][] = Array.from({ length: 256 }, (_, i) => {
  const c = interpolatePuOr(i / 255); // purple (−) … white … orange (+), colour-blind safe
  const m = c.match(/\d+/g)!.map(Number);
  return [m[0], m[1], m[2]];
});

const HEAT_H = 220; // px
const CHART_H = 200;
const GAP = 24;
const LEFT = 44;
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/** The shown corner of a [context][d] matrix as palette indices, symmetric around 0 with limit `max`. */
function heat(m: Float32Array, v: PositionsView, max: number): string {
  const rows = matrixOf(m, v);
  const idx = new Uint8Array(v.positions * v.dims);
  for (let p = 0; p < v.positions; p++) {
    const row = rows.view(p).data;
    const out = idx.subarray(p * v.dims, (p + 1) * v.dims); // the PNG's row p, dims pixels wide
    for (let c = 0; c < v.dims; c++) {
      const x = row[c] / (max || 1);
      out[c] = Math.round(((Math.max(-1, Math.min(1, x)) + 1) / 2) * 255);
    }
  }
  return indexedPng(idx, v.dims, v.positions, PALETTE);
}

/** Colour limit: 3 × the root mean square of the shown values, so a few large entries do not wash the rest out. */
function colourLimit(m: Float32Array, v: PositionsView): number {
  const rows = matrixOf(m, v);
  let s = 0;
  for (let p = 0; p < v.positions; p++) for (const x of rows.view(p).data.subarray(0, v.dims)) s += x ** 2;
  return 3 * Math.sqrt(s / (v.positions * v.dims));
}

export function render(root: HTMLElement, data: PositionsView, options: PositionsOptions = {}): PositionsChart {
  let d = data;
  let width = Math.max(320, Math.round(options.width ?? 720));
  let cursor = -1; // distance under the chart cursor
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-pos-summary');
  const readout = base.append('p').attr('class', 'gb-pos-readout').attr('aria-live', 'polite');
  const svg = base.append('svg').attr('class', 'gb-pos-chart').attr('data-export', 'svg').attr('font-size', 12);
  const maps = svg.append('g').attr('class', 'gb-pos-maps');
  const chart = svg
    .append('g')
    .attr('class', 'gb-pos-cos')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', 'Cosine similarity against distance; ← → read each distance');
  const details = base.append('details').attr('class', 'gb-pos-table');
  details.append('summary').text('The numbers as a table');
  const table = details.append('div').attr('class', 'table-scroll').append('table');
  table.append('caption').text('Mean cosine similarity between two positions Δ tokens apart (all dimensions)');
  table.append('thead').append('tr').selectAll('th').data(['Δ (tokens)', 'Sinusoidal', 'Learned (this model)']).join('th').attr('scope', 'col').text((t) => t);
  const tbody = table.append('tbody');

  chart.on('keydown', (ev: KeyboardEvent) => {
    const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    ev.preventDefault();
    cursor = Math.max(0, Math.min(d.positions - 1, (cursor < 0 ? 0 : cursor) + step));
    showCursor();
  });

  function showCursor() {
    chart.select('.gb-pos-cursor').attr('visibility', cursor < 0 ? 'hidden' : null);
    if (cursor < 0) return;
    const x = scaleLinear().domain([0, Math.max(1, d.positions - 1)]).range([LEFT, width - 8]);
    chart.select('.gb-pos-cursor').attr('x1', x(cursor)).attr('x2', x(cursor));
    readout.text(
      `Positions ${cursor} apart: cosine ${fmt(d.cosSinusoidal[cursor])} (sinusoidal), ${fmt(d.cosLearned[cursor])} (learned).`,
    );
  }

  function draw() {
    // Side by side when there is room for two readable maps, stacked otherwise (phones).
    const wide = width >= 560;
    const half = wide ? (width - LEFT - GAP) / 2 : width - LEFT - 8;
    const y0 = 20;
    const mapsH = wide ? HEAT_H + 40 : 2 * (HEAT_H + 40);
    const height = y0 + mapsH + CHART_H + 40;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const sets = [
      { key: 'sinusoidal', title: `Sinusoidal, d = ${d.d}`, m: d.sinusoidal, max: 1 },
      { key: 'learned', title: 'Learned (wpe), colour ±3 RMS', m: d.learned, max: colourLimit(d.learned, d) },
    ];
    const g = maps
      .selectAll<SVGGElement, (typeof sets)[number]>('g.gb-pos-map')
      .data(sets, (s) => s.key)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'gb-pos-map');
        e.append('text').attr('class', 'gb-pos-title').attr('y', -6);
        e.append('image').attr('preserveAspectRatio', 'none').style('image-rendering', 'pixelated');
        e.append('text').attr('class', 'gb-pos-axis gb-pos-xlabel');
        e.append('text').attr('class', 'gb-pos-axis gb-pos-ylabel').attr('text-anchor', 'end');
        e.append('text').attr('class', 'gb-pos-axis gb-pos-yend').attr('text-anchor', 'end');
        e.append('rect').attr('class', 'gb-pos-hit').attr('fill', 'transparent');
        return e;
      })
      .attr('data-map', (s) => s.key)
      .attr('transform', (_s, i) => (wide ? `translate(${LEFT + i * (half + GAP)},${y0})` : `translate(${LEFT},${y0 + i * (HEAT_H + 40)})`));
    g.select('.gb-pos-title').text((s) => s.title);
    g.select('image').attr('width', half).attr('height', HEAT_H).attr('href', (s) => heat(s.m, d, s.max));
    g.select('.gb-pos-xlabel').attr('y', HEAT_H + 16).text(`dimension 0 → ${d.dims - 1}`);
    // Side by side, both maps share the position axis and only the first is labelled.
    g.select('.gb-pos-ylabel').attr('x', -4).attr('y', 10).text((_s, i) => (i && wide ? '' : 'pos 0'));
    g.select('.gb-pos-yend').attr('x', -4).attr('y', HEAT_H).text((_s, i) => (i && wide ? '' : `${d.positions - 1}`));
    g.select('.gb-pos-hit')
      .attr('width', half)
      .attr('height', HEAT_H)
      .on('pointermove', function (ev: PointerEvent, s) {
        const r = (this as SVGRectElement).getBoundingClientRect();
        const c = Math.floor(((ev.clientX - r.left) / r.width) * d.dims);
        const p = Math.floor(((ev.clientY - r.top) / r.height) * d.positions);
        if (!(c >= 0 && c < d.dims && p >= 0 && p < d.positions)) return;
        readout.text(`${s.key === 'learned' ? 'Learned' : 'Sinusoidal'}: position ${p}, dimension ${c} = ${matrixOf(s.m, d).get(p, c).toFixed(4)}`);
      });

    const top = y0 + mapsH;
    chart.attr('transform', `translate(0,${top})`);
    const x = scaleLinear().domain([0, Math.max(1, d.positions - 1)]).range([LEFT, width - 8]);
    const lo = Math.min(0, ...d.cosSinusoidal, ...d.cosLearned);
    const y = scaleLinear().domain([lo, 1]).range([CHART_H, 0]).nice();
    chart.selectAll('.gb-pos-frame').data([0]).join('rect').attr('class', 'gb-pos-frame').attr('x', LEFT).attr('width', width - 8 - LEFT).attr('height', CHART_H);
    leftTicks(chart, y, 'gb-pos-tick gb-pos-axis', LEFT);
    chart.selectAll('.gb-pos-xtitle').data([0]).join('text').attr('class', 'gb-pos-xtitle gb-pos-axis').attr('x', LEFT).attr('y', CHART_H + 16).text(`distance Δ between positions (0 → ${d.positions - 1} tokens); y: mean cosine similarity`);
    const series = [
      { key: 'sinusoidal', label: 'sinusoidal', v: d.cosSinusoidal },
      { key: 'learned', label: 'learned (this model)', v: d.cosLearned },
    ];
    const path = line<number>()
      .x((_v, k) => x(k))
      .y((v) => y(v));
    chart
      .selectAll<SVGPathElement, (typeof series)[number]>('path.gb-pos-line')
      .data(series, (s) => s.key)
      .join('path')
      .attr('class', (s) => `gb-pos-line gb-pos-line--${s.key}`)
      .attr('d', (s) => path(Array.from(s.v)));
    chart
      .selectAll<SVGTextElement, (typeof series)[number]>('text.gb-pos-legend')
      .data(series, (s) => s.key)
      .join('text')
      .attr('class', (s) => `gb-pos-legend gb-pos-legend--${s.key}`)
      .attr('x', width - 12)
      .attr('y', (_s, i) => 14 + i * 16)
      .attr('text-anchor', 'end')
      .text((s) => `— ${s.label}`);
    chart.selectAll('.gb-pos-cursor').data([0]).join('line').attr('class', 'gb-pos-cursor').attr('y1', 0).attr('y2', CHART_H);
    chart
      .selectAll('.gb-pos-chit')
      .data([0])
      .join('rect')
      .attr('class', 'gb-pos-chit')
      .attr('fill', 'transparent')
      .attr('x', LEFT)
      .attr('width', width - 8 - LEFT)
      .attr('height', CHART_H)
      .on('pointermove', (ev: PointerEvent) => {
        const r = (ev.currentTarget as SVGRectElement).getBoundingClientRect();
        cursor = Math.round(x.invert(LEFT + ev.clientX - r.left));
        cursor = Math.max(0, Math.min(d.positions - 1, cursor));
        showCursor();
      });

    const far = d.positions - 1;
    summary.text(
      `The first ${d.positions} positions × ${d.dims} of ${d.d} dimensions. Two positions ${far} tokens apart have a mean cosine of ` +
        `${fmt(d.cosSinusoidal[far])} in the sinusoidal encoding and ${fmt(d.cosLearned[far])} in ${d.model.id}'s learned one; ` +
        `neighbours (Δ = 1): ${fmt(d.cosSinusoidal[1])} and ${fmt(d.cosLearned[1])}.`,
    );
    tbody
      .selectAll('tr')
      .data(tableDistances(d.positions))
      .join('tr')
      .selectAll('td')
      .data((k) => [String(k), fmt(d.cosSinusoidal[k]), fmt(d.cosLearned[k])])
      .join('td')
      .text((t) => t);
    showCursor();
  }

  draw();
  return {
    update(next, opts) {
      d = next;
      if (opts?.width) width = Math.max(320, Math.round(opts.width));
      cursor = Math.min(cursor, d.positions - 1);
      draw();
    },
    destroy() {
      chart.on('keydown', null);
      base.selectChildren().remove();
    },
  };
}
