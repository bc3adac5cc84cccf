/**
 * The scaling-laws chart: loss contours over (log N, log D), the compute-optimal frontier, the
 * iso-FLOP line through the current point, the 20-tokens-per-parameter line, the named models,
 * the current point and the optimum for its compute; then a summary and a table as the text
 * alternative. Contours depend only on the law and the width, so a slider drag redraws only
 * the marks that move (budget: one frame, DESIGN.md §6).
 */
import { contours, extent, geoPath, geoTransform, interpolateViridis, range, scaleLog, scaleSequential } from 'd3';
import { LAWS, type Law, type LawId } from '../../math/scaling-laws';
import { count, sci } from '../kit/calc/format';
import { NAMED_MODELS } from './models';
import type { ScalingExport } from './resolve';
import entry from './entry';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, groups } from '../kit/dom';
import { dataTable, type TableRow } from '../kit/table';
export type { Chart, ChartOptions } from '../kit/chart';


const { N: fN, D: fD } = entry.state;
const GRID = 64; // contour samples per axis
const LEVELS = 14;
const M = { top: 12, right: 16, bottom: 44, left: 64 };
const MIN_WIDTH = 300;

/** Tokens per parameter for a label: 286, 20, 1.7. */
export function ratio(r: number): string {
  return r >= 10 ? String(Math.round(r)) : r.toFixed(1);
}

export function summarize(d: ScalingExport): string {
  const o = d.optimal;
  return (
    `${d.law.name} law: N = ${count(d.state.N)} parameters and D = ${count(d.state.D)} tokens ` +
    `(${d.tokensPerParam.toPrecision(3)} tokens per parameter, C = ${sci(d.compute)} FLOPs) give a predicted loss of ${d.loss.toFixed(3)} nats per token. ` +
    `For the same compute the law’s optimum is N = ${count(o.N)}, D = ${count(o.D)} ` +
    `(${o.tokensPerParam.toPrecision(3)} tokens per parameter, loss ${o.loss.toFixed(3)}).`
  );
}

/** The table's rows: the reader's setting, the optimum for its compute, then the named models. */
function tableRows(d: ScalingExport): TableRow[] {
  const rows = [
    { name: 'Your setting', N: d.state.N, D: d.state.D as number | null, tokensPerParam: d.tokensPerParam as number | null, compute: d.compute as number | null, loss: d.loss as number | null, source: '' },
    { name: 'Optimum for this C', N: d.optimal.N, D: d.optimal.D, tokensPerParam: d.optimal.tokensPerParam, compute: d.compute, loss: d.optimal.loss, source: d.law.source },
    ...d.models,
  ];
  const na = 'not published';
  return rows.map((r) => ({
    cells: [
      { text: r.name, head: true },
      { text: count(r.N) },
      { text: r.D === null ? na : count(r.D) },
      { text: r.tokensPerParam === null ? na : r.tokensPerParam.toPrecision(3) },
      { text: r.compute === null ? na : sci(r.compute) },
      { text: r.loss === null ? na : r.loss.toFixed(3) },
      { text: r.source },
    ],
  }));
}

interface Layers {
  width: number;
  height: number;
  law: LawId;
}

export function render(root: HTMLElement, data: ScalingExport, options: ChartOptions = {}): Chart<ScalingExport> {
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-sl-summary');
  // The summary and the table below are the text alternative, so the picture is hidden from
  // assistive technology rather than described twice.
  const svg = exportSvg(base, 'gb-sl-chart').attr('aria-hidden', 'true');
  const title = svg.append('title');
  // A nested <svg> clips the contour cells that overhang the plot area by half a cell.
  const plot = svg.append('svg').attr('class', 'gb-sl-plot').attr('overflow', 'hidden');
  const [fills, lines] = groups(plot, 'gb-sl-contours', 'gb-sl-lines');
  const [axes, models, marks] = groups(svg, 'gb-sl-axes', 'gb-sl-models', 'gb-sl-marks');
  const legend = base.append('p').attr('class', 'gb-sl-legend gb-calc-legend');
  const table = dataTable<ScalingExport>(
    base,
    {
      cls: 'gb-sl-table',
      columns: ['Model', 'Parameters N', 'Tokens D', 'Tokens per parameter', 'Compute 6ND (FLOPs)', 'Predicted loss (nats/token)', 'Source'],
      scroll: { cls: 'table-scroll', focusable: true },
    },
    (d) => ({ caption: `Predicted loss under the ${d.law.name} law (${d.law.source})`, rows: tableRows(d) }),
  );
  let drawn: Layers | null = null;

  function scales(width: number) {
    const height = Math.round(Math.min(460, Math.max(260, width * 0.62)));
    const x = scaleLog().domain([fN.min, fN.max]).range([M.left, width - M.right]);
    const y = scaleLog().domain([fD.min, fD.max]).range([height - M.bottom, M.top]);
    return { x, y, height };
  }

  function drawStatic(law: Law, width: number) {
    const { x, y, height } = scales(width);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    // Loss on a GRID×GRID lattice, row-major with x fastest, as d3-contour expects; log spacing.
    const lx = range(GRID).map((i) => fN.min * (fN.max / fN.min) ** (i / (GRID - 1)));
    const ly = range(GRID).map((j) => fD.max * (fD.min / fD.max) ** (j / (GRID - 1)));
    const values = new Float64Array(GRID * GRID);
    for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) values[j * GRID + i] = Math.log(law.loss(lx[i], ly[j]));
    const [lo, hi] = extent(values) as [number, number];
    const thresholds = range(LEVELS).map((k) => lo + ((hi - lo) * k) / LEVELS);
    const colour = scaleSequential(interpolateViridis).domain([hi, lo]);
    const x0 = M.left;
    const sx = (width - M.left - M.right) / (GRID - 1);
    const sy = (height - M.top - M.bottom) / (GRID - 1);
    // Grid coordinates to pixels; one decimal (0.1 px) keeps the build-time HTML small.
    const path = geoPath(
      geoTransform({
        point(px, py) {
          this.stream.point(x0 + (px - 0.5) * sx, M.top + (py - 0.5) * sy);
        },
      }),
    ).digits(1);
    const pw = width - M.left - M.right;
    const ph = height - M.top - M.bottom;
    plot.attr('x', M.left).attr('y', M.top).attr('width', pw).attr('height', ph).attr('viewBox', `${M.left} ${M.top} ${pw} ${ph}`);
    fills
      .selectAll('path')
      .data(contours().size([GRID, GRID]).thresholds(thresholds)(Array.from(values)))
      .join('path')
      .attr('d', (c) => path(c) ?? '')
      .attr('fill', (c) => colour(c.value))
      .attr('data-loss', (c) => Math.exp(c.value).toFixed(3));

    const xt = [1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13];
    const yt = [1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14];
    axes.selectChildren().remove();
    const gx = axes.append('g').attr('class', 'gb-sl-xaxis');
    for (const t of xt) {
      gx.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', height - M.bottom).attr('y2', height - M.bottom + 5).attr('stroke', 'currentColor');
      gx.append('text').attr('x', x(t)).attr('y', height - M.bottom + 18).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 12).text(count(t));
    }
    gx.append('text').attr('x', (M.left + width - M.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 13).text('parameters N (log scale)');
    const gy = axes.append('g').attr('class', 'gb-sl-yaxis');
    for (const t of yt) {
      gy.append('line').attr('x1', M.left - 5).attr('x2', M.left).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', 'currentColor');
      gy.append('text').attr('x', M.left - 8).attr('y', y(t)).attr('dy', '0.35em').attr('text-anchor', 'end').attr('fill', 'currentColor').attr('font-size', 12).text(count(t));
    }
    gy.append('text')
      .attr('transform', `translate(14,${(M.top + height - M.bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('font-size', 13)
      .text('training tokens D (log scale)');

    // The compute-optimal frontier: the optimum of every budget from corner to corner.
    const frontier = range(0, 61)
      .map((k) => 6e14 * 1e13 ** (k / 60))
      .map((C) => law.optimal(C));
    const line = (pts: { N: number; D: number }[]) => 'M' + pts.map((p) => `${x(p.N).toFixed(2)},${y(p.D).toFixed(2)}`).join('L');
    lines.selectChildren().remove();
    const inside = (p: { N: number; D: number }) => p.N >= fN.min && p.N <= fN.max && p.D >= fD.min && p.D <= fD.max;
    lines.append('path').attr('class', 'gb-sl-frontier').attr('d', line(frontier.filter(inside))).attr('fill', 'none').attr('stroke', '#fff').attr('stroke-width', 3);
    const twenty = [fN.min * 10, fD.max / 20].map((N) => ({ N, D: 20 * N }));
    lines.append('path').attr('class', 'gb-sl-twenty').attr('d', line(twenty)).attr('fill', 'none').attr('stroke', '#fff').attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4');
    lines.append('path').attr('class', 'gb-sl-iso').attr('fill', 'none').attr('stroke', '#E69F00').attr('stroke-width', 2.5);

    const placed = NAMED_MODELS.filter((m): m is typeof m & { D: number } => m.D !== null);
    const g = models
      .selectAll('g')
      .data(placed)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'gb-sl-model');
        e.append('circle').attr('r', 4).attr('fill', '#fff').attr('stroke', '#000').attr('stroke-width', 1.5);
        e.append('text').attr('font-size', 11).attr('fill', '#fff').attr('stroke', '#000').attr('stroke-width', 3).attr('paint-order', 'stroke');
        return e;
      })
      .attr('data-model', (m) => m.name)
      .attr('transform', (m) => `translate(${x(m.N).toFixed(2)},${y(m.D).toFixed(2)})`);
    g.select('text')
      .attr('x', (m) => m.label?.dx ?? 6)
      .attr('y', (m) => m.label?.dy ?? -6)
      .attr('text-anchor', (m) => m.label?.anchor ?? 'start')
      .text((m) => `${m.name} (${ratio(m.D / m.N)})`);
    return { width, height, law: law.id };
  }

  function draw(d: ScalingExport, opts: ChartOptions) {
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const law = LAWS[d.state.law as LawId];
    if (!drawn || drawn.width !== width || drawn.law !== law.id) drawn = drawStatic(law, width);
    const { x, y } = scales(width);
    const C = d.state.C;
    const isoN = [fN.min, fN.max].map((N) => ({ N, D: C / (6 * N) }));
    lines.select('.gb-sl-iso').attr('d', 'M' + isoN.map((p) => `${x(p.N).toFixed(2)},${y(p.D).toFixed(2)}`).join('L'));
    const pts = [
      { id: 'optimal', N: d.optimal.N, D: d.optimal.D },
      { id: 'current', N: d.state.N, D: d.state.D },
    ];
    marks
      .selectAll('path')
      .data(pts, (p) => (p as { id: string }).id)
      .join('path')
      .attr('class', (p) => `gb-sl-${p.id}`)
      .attr('d', (p) => (p.id === 'current' ? 'M0,-8L8,0L0,8L-8,0Z' : 'M-6,-6L6,-6L6,6L-6,6Z'))
      .attr('fill', (p) => (p.id === 'current' ? '#E69F00' : '#fff'))
      .attr('stroke', '#000')
      .attr('stroke-width', 1.5)
      .attr('transform', (p) => `translate(${x(Math.min(fN.max, Math.max(fN.min, p.N))).toFixed(2)},${y(Math.min(fD.max, Math.max(fD.min, p.D))).toFixed(2)})`);
    title.text(summarize(d));
    summary.text(summarize(d));
    legend.text(
      `Colour: predicted loss, darker is higher. Orange diamond: your setting; orange line: every (N, D) with the same compute C. ` +
        `White line: the compute-optimal frontier; white square: the optimum for C. Dashed: 20 tokens per parameter. ` +
        `Labels give tokens per parameter. Not placed (training tokens not published): ${NAMED_MODELS.filter((m) => m.D === null)
          .map((m) => m.name)
          .join(', ')}.` +
        (d.law.id === 'kaplan'
          ? ' Kaplan’s N counts non-embedding parameters, and the frontier here is the minimum of their joint L(N, D); their headline N ∝ C^0.73 came from a different analysis of early-stopped runs.'
          : ''),
    );
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
