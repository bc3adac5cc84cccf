/**
 * Our measured family: held-out loss against training tokens (log scale), one colour per model
 * size, the fitted law as curves, Chinchilla's data-term shape for comparison, and the
 * residuals underneath; then the summary, the caveats and the tables as the text alternative.
 */
import { extent, range, scaleLog, scaleLinear } from 'd3';
import { CHINCHILLA } from '../../math/scaling';
import { count } from '../kit/calc/format';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { SERIES } from '../kit/palette';
import type { MeasuredExport } from './data';
import { clearedRoot } from '../kit/dom';

/** Okabe–Ito, colour-blind safe; sizes beyond eight reuse colours but keep their labels. */
const PALETTE = SERIES;
const M = { top: 30, right: 120, bottom: 40, left: 56 };
const RES_H = 110; // px for the residual panel
const GAP = 36;

export function summarize(d: MeasuredExport): string {
  if (d.source === 'missing') return 'The measurements of our model family have not been committed yet, so there is nothing to fit.';
  if (!d.fit) return `${d.points.length} runs measured, but no law could be fitted: ${d.fitError}`;
  const f = d.fit;
  return (
    `Fitted to ${d.points.length} runs on the ${d.state.val} held-out text (${d.state.params} parameters): ` +
    `L = ${f.E.toFixed(2)} + ${f.A.toPrecision(3)}/N^${f.alpha.toFixed(3)} + ${f.B.toPrecision(3)}/D^${f.beta.toFixed(3)}, ` +
    `root-mean-square residual ${f.rmse.toFixed(3)} nats per token. Chinchilla’s exponents are α = ${d.reference.chinchilla.alpha}, β = ${d.reference.chinchilla.beta}.`
  );
}

export function render(root: HTMLElement, data: MeasuredExport, options: ChartOptions = {}): Chart<MeasuredExport> {
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-sm-summary');
  const caveats = base.append('ul').attr('class', 'gb-sm-caveats');
  const svg = base.append('svg').attr('class', 'gb-sm-chart').attr('data-export', 'svg').attr('aria-hidden', 'true').attr('font-size', 12);
  const legend = base.append('p').attr('class', 'gb-calc-legend');
  const details = base.append('details');
  details.append('summary').text('The numbers as tables');
  // Focusable (no landmark role: several copies may share a page), so a keyboard can scroll tables wider than the screen.
  const scroll = details.append('div').attr('class', 'table-scroll').attr('tabindex', 0);

  function draw(d: MeasuredExport, opts: ChartOptions) {
    const width = Math.max(320, Math.round(opts.width ?? 640));
    summary.text(summarize(d));
    caveats
      .selectAll('li')
      .data(d.caveats)
      .join('li')
      .text((c) => c);
    svg.selectChildren().remove();
    scroll.selectChildren().remove();
    details.attr('hidden', d.points.length ? null : '');
    if (!d.points.length) {
      svg.attr('width', width).attr('height', 60).attr('viewBox', `0 0 ${width} 60`);
      svg.append('text').attr('x', width / 2).attr('y', 36).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 18).text('Measurements not yet committed');
      legend.text('');
      return;
    }
    const mainH = Math.round(Math.min(360, Math.max(220, width * 0.5)));
    const height = M.top + mainH + GAP + RES_H + M.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const [d0, d1] = extent(d.points, (p) => p.D) as [number, number];
    const x = scaleLog().domain([d0 / 1.5, d1 * 1.5]).range([M.left, width - M.right]);
    const losses = d.points.flatMap((p) => [p.loss, p.fitted ?? p.loss]);
    const y = scaleLinear().domain(extent(losses) as [number, number]).nice().range([M.top + mainH, M.top]);
    const maxRes = Math.max(0.02, ...d.points.map((p) => Math.abs(p.residual ?? 0)));
    const ry = scaleLinear().domain([-maxRes, maxRes]).nice().range([M.top + mainH + GAP + RES_H, M.top + mainH + GAP]);
    const sizes = [...new Set(d.points.map((p) => p.N))].sort((a, b) => a - b);
    const colour = (N: number) => PALETTE[sizes.indexOf(N) % PALETTE.length];

    const axes = svg.append('g').attr('fill', 'currentColor');
    // Ticks at 1, 2 and 5 × 10^k: the family spans only about a decade of tokens.
    for (const t of x.ticks().filter((t) => [1, 2, 5].includes(Number((t / 10 ** Math.floor(Math.log10(t))).toPrecision(2))))) {
      axes.append('text').attr('x', x(t)).attr('y', height - M.bottom + 16).attr('text-anchor', 'middle').text(count(t));
    }
    axes.append('text').attr('x', (M.left + width - M.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').text('training tokens D (log scale)');
    for (const t of y.ticks(5)) axes.append('text').attr('x', M.left - 6).attr('y', y(t)).attr('dy', '0.35em').attr('text-anchor', 'end').text(t.toFixed(1));
    axes.append('text').attr('x', M.left).attr('y', 12).text('held-out loss (nats per token)');
    for (const t of ry.ticks(3)) axes.append('text').attr('x', M.left - 6).attr('y', ry(t)).attr('dy', '0.35em').attr('text-anchor', 'end').text(t.toFixed(2));
    axes.append('text').attr('x', M.left).attr('y', M.top + mainH + GAP - 6).text('residual: measured − fitted');
    svg.append('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', ry(0)).attr('y2', ry(0)).attr('stroke', 'currentColor').attr('stroke-opacity', 0.4);

    const f = d.fit;
    if (f) {
      const ds = range(0, 41).map((k) => x.domain()[0] * (x.domain()[1] / x.domain()[0]) ** (k / 40));
      const curve = (pts: [number, number][]) => 'M' + pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('L');
      const fits = svg.append('g').attr('class', 'gb-sm-fits');
      const ends: { N: number; y: number }[] = [];
      for (const N of sizes) {
        const pts = ds.map((D) => [D, f.E + f.A / N ** f.alpha + f.B / D ** f.beta] as [number, number]).filter(([, l]) => l >= y.domain()[0] && l <= y.domain()[1]);
        fits.append('path').attr('d', curve(pts)).attr('fill', 'none').attr('stroke', colour(N)).attr('stroke-width', 1.5).attr('data-size', N);
        // Labelled at the largest measured budget, so the labels stack in the order of the dots.
        ends.push({ N, y: y(Math.min(y.domain()[1], Math.max(y.domain()[0], f.E + f.A / N ** f.alpha + f.B / d1 ** f.beta))) });
      }
      // Labels right of the plot, pushed apart to at least one line (14 px) from each other.
      ends.sort((a, b) => a.y - b.y);
      for (let i = 1; i < ends.length; i++) ends[i].y = Math.max(ends[i].y, ends[i - 1].y + 14);
      for (const e of ends) {
        // A colour swatch, then the label in the text colour (some palette colours are too light for text).
        fits.append('line').attr('x1', width - M.right + 4).attr('x2', width - M.right + 16).attr('y1', e.y).attr('y2', e.y).attr('stroke', colour(e.N)).attr('stroke-width', 3);
        fits.append('text').attr('x', width - M.right + 20).attr('y', e.y).attr('dy', '0.35em').attr('fill', 'currentColor').text(`${count(e.N)} params`);
      }
      // Chinchilla's data term, B/D^β, through our largest model's smallest-budget point: its
      // slope can be compared with ours, its level cannot (other tokenizer, other text).
      const big = sizes.at(-1) as number;
      const anchor = d.points.filter((p) => p.N === big).reduce((a, b) => (a.D < b.D ? a : b));
      const ch = ds.filter((D) => D >= anchor.D).map((D) => [D, anchor.loss + CHINCHILLA.B * (D ** -CHINCHILLA.beta - anchor.D ** -CHINCHILLA.beta)] as [number, number]);
      svg.append('path').attr('class', 'gb-sm-chinchilla').attr('d', curve(ch.filter(([, l]) => l >= y.domain()[0]))).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-dasharray', '5 4');
    }
    svg
      .append('g')
      .selectAll('circle')
      .data(d.points)
      .join('circle')
      .attr('data-run', (p) => p.id)
      .attr('cx', (p) => x(p.D))
      .attr('cy', (p) => y(p.loss))
      .attr('r', 4.5)
      .attr('fill', (p) => colour(p.N))
      .attr('stroke', '#fff');
    svg
      .append('g')
      .selectAll('rect')
      .data(d.points.filter((p) => p.residual !== null))
      .join('rect')
      .attr('data-residual', (p) => p.id)
      // Side by side per budget (7 px per size), so residuals of runs with the same D do not overlap.
      .attr('x', (p) => x(p.D) - 3 + 7 * (sizes.indexOf(p.N) - (sizes.length - 1) / 2))
      .attr('width', 6)
      .attr('y', (p) => Math.min(ry(0), ry(p.residual as number)))
      .attr('height', (p) => Math.max(1, Math.abs(ry(p.residual as number) - ry(0))))
      .attr('fill', (p) => colour(p.N));
    legend.text(
      'Dots: measured runs, one colour per model size. Lines: the fitted law. Dashed: the slope of Chinchilla’s data term B/D^β drawn through our largest model’s first point; only its shape is comparable, since a different tokenizer and different text change the absolute loss.',
    );

    const runs = scroll.append('table');
    runs.append('caption').text(`Runs on the ${d.state.val} held-out text`);
    const hr = runs.append('thead').append('tr');
    for (const h of ['Run', 'Parameters N', 'Tokens D', 'Tokens per parameter', 'Loss (nats/token)', 'Bits per byte', 'Fitted', 'Residual']) hr.append('th').attr('scope', 'col').text(h);
    runs
      .append('tbody')
      .selectAll('tr')
      .data(d.points)
      .join('tr')
      .selectAll('td')
      .data((p) => [p.id, count(p.N), count(p.D), (p.D / p.N).toPrecision(3), p.loss.toFixed(3), p.bpb.toFixed(3), p.fitted === null ? '' : p.fitted.toFixed(3), p.residual === null ? '' : p.residual.toFixed(3)])
      .join('td')
      .text((c) => c);
    if (f) {
      const ex = scroll.append('table');
      ex.append('caption').text('Exponents: ours against the published fits');
      const h2 = ex.append('thead').append('tr');
      for (const h of ['Fit', 'α (size)', 'β (data)']) h2.append('th').attr('scope', 'col').text(h);
      ex.append('tbody')
        .selectAll('tr')
        .data([
          ['Ours (this page)', f.alpha.toFixed(3), f.beta.toFixed(3)],
          ['Hoffmann et al. 2022', String(d.reference.chinchilla.alpha), String(d.reference.chinchilla.beta)],
          ['Besiroglu et al. 2024', String(d.reference.epoch.alpha), String(d.reference.epoch.beta)],
        ])
        .join('tr')
        .selectAll('td')
        .data((r) => r)
        .join('td')
        .text((c) => c);
    }
  }

  return redrawn(root, data, options, draw);
}
