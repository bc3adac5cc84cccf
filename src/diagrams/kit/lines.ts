/**
 * A small line chart frame for curves over training steps (the training chapter's loss curve and
 * the reader's live training run): linear x and y axes with labels, series as paths (optionally
 * dotted, optionally with points), an optional second y axis on the right, vertical marks and a
 * shaded band. A D3 join per layer, so a redraw moves what is there rather than adding more.
 */
import { line, scaleLinear, type ScaleLinear, type Selection } from 'd3';

export interface LineSeries {
  key: string;
  label: string;
  /** [x, y] in data units. */
  points: readonly (readonly [number, number])[];
  color: string;
  dash?: string;
  dots?: boolean;
  /** Plot against the right axis. */
  right?: boolean;
}

export interface LinesView {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** The right axis' label, when a series uses it. */
  y2Label?: string;
  xFormat?: (v: number) => string;
  y2Format?: (v: number) => string;
  /** Vertical marks, e.g. checkpoints. */
  marks?: { x: number; label: string }[];
  /** A shaded x range, e.g. warm-up. */
  band?: { from: number; to: number; label: string };
  /** A vertical cursor, e.g. the read-out step. */
  cursor?: number | null;
  /** Fixed y domain; default [min, max] of the left series. */
  yDomain?: [number, number];
  xDomain?: [number, number];
}

export interface LinesLayout {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

type G = Selection<SVGGElement, unknown, null, undefined>;
type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

const M = { top: 22, right: 52, bottom: 40, left: 48 }; // px
const TICKS = 5;

function extent(values: number[], fallback: [number, number]): [number, number] {
  if (!values.length) return fallback;
  const lo = Math.min(...values), hi = Math.max(...values);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function ticks(g: G, cls: string, values: number[], at: (v: number) => [number, number], anchor: string, text: (v: number) => string) {
  g.selectAll<SVGTextElement, number>(`text.${cls}`)
    .data(values)
    .join('text')
    .attr('class', cls)
    .attr('x', (v) => at(v)[0])
    .attr('y', (v) => at(v)[1])
    .attr('text-anchor', anchor)
    .attr('fill', 'currentColor')
    .attr('font-size', 11)
    .text(text);
}

/** Append the layers to `svg` once; the returned function draws a view at a width, in px. */
export function linesFrame(svg: Svg): (view: LinesView, width: number, height: number) => LinesLayout {
  const [bandG, gridG, axisG, seriesG, marksG, cursorG] = ['band', 'grid', 'axis', 'series', 'marks', 'cursor'].map((c) => svg.append<SVGGElement>('g').attr('class', `gb-lines-${c}`));
  return (view, width, height) => {
    const left = view.series.filter((s) => !s.right);
    const right = view.series.filter((s) => s.right);
    const xs = view.series.flatMap((s) => s.points.map((p) => p[0]));
    const x = scaleLinear().domain(view.xDomain ?? extent(xs, [0, 1])).range([M.left, width - M.right]);
    const y = scaleLinear().domain(view.yDomain ?? extent(left.flatMap((s) => s.points.map((p) => p[1])), [0, 1])).nice(TICKS).range([height - M.bottom, M.top]);
    const y2 = scaleLinear().domain([0, Math.max(0, ...right.flatMap((s) => s.points.map((p) => p[1])))]).nice(TICKS).range([height - M.bottom, M.top]);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const xf = view.xFormat ?? ((v: number) => x.tickFormat(TICKS, '~s')(v));
    const xt = x.ticks(Math.max(2, Math.floor(width / 110)));
    gridG.selectAll('line').data(y.ticks(TICKS)).join('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', (v) => y(v)).attr('y2', (v) => y(v)).attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
    ticks(axisG, 'gb-lines-x', xt, (v) => [x(v), height - M.bottom + 14], 'middle', xf);
    ticks(axisG, 'gb-lines-y', y.ticks(TICKS), (v) => [M.left - 6, y(v) + 4], 'end', (v) => String(v));
    ticks(axisG, 'gb-lines-y2', right.length ? y2.ticks(TICKS) : [], (v) => [width - M.right + 6, y2(v) + 4], 'start', view.y2Format ?? String);
    const labels: { cls: string; text: string; x: number; y: number; anchor: string }[] = [
      { cls: 'xl', text: view.xLabel, x: (M.left + width - M.right) / 2, y: height - 6, anchor: 'middle' },
      { cls: 'yl', text: view.yLabel, x: 4, y: 12, anchor: 'start' },
      ...(right.length && view.y2Label ? [{ cls: 'y2l', text: view.y2Label, x: width - 4, y: 12, anchor: 'end' }] : []),
    ];
    axisG.selectAll<SVGTextElement, (typeof labels)[number]>('text.gb-lines-label').data(labels, (d) => d.cls).join('text').attr('class', 'gb-lines-label').attr('x', (d) => d.x).attr('y', (d) => d.y).attr('text-anchor', (d) => d.anchor).attr('fill', 'currentColor').attr('font-size', 12).text((d) => d.text);
    const path = (s: LineSeries) => line<readonly [number, number]>().x((p) => x(p[0])).y((p) => (s.right ? y2 : y)(p[1]))(s.points) ?? '';
    const g = seriesG.selectAll<SVGGElement, LineSeries>('g.gb-lines-s').data(view.series, (s) => s.key).join((e) => {
      const n = e.append('g').attr('class', 'gb-lines-s');
      n.append('path').attr('fill', 'none').attr('stroke-width', 2);
      return n;
    });
    g.attr('data-series', (s) => s.key);
    g.select('path').attr('d', path).attr('stroke', (s) => s.color).attr('stroke-dasharray', (s) => s.dash ?? null);
    g.selectAll<SVGCircleElement, readonly [number, number]>('circle')
      .data((s) => (s.dots ? s.points.map((p) => [x(p[0]), (s.right ? y2 : y)(p[1]), s.color] as const) : []))
      .join('circle').attr('r', 3).attr('cx', (p) => p[0]).attr('cy', (p) => p[1]).attr('fill', (p) => p[2]);
    const band = view.band ? [view.band] : [];
    bandG.selectAll('rect').data(band).join('rect').attr('x', (b) => x(b.from)).attr('width', (b) => Math.max(1, x(b.to) - x(b.from))).attr('y', M.top).attr('height', height - M.top - M.bottom).attr('fill', 'currentColor').attr('fill-opacity', 0.07);
    const marks = marksG.selectAll<SVGGElement, { x: number; label: string }>('g').data(view.marks ?? [], (m) => String(m.x)).join((e) => {
      const n = e.append('g');
      n.append('line').attr('stroke', 'currentColor').attr('stroke-dasharray', '2 3');
      n.append('text').attr('font-size', 11).attr('fill', 'currentColor').attr('text-anchor', 'middle');
      return n;
    });
    marks.select('line').attr('x1', (m) => x(m.x)).attr('x2', (m) => x(m.x)).attr('y1', M.top).attr('y2', height - M.bottom);
    marks.select('text').attr('x', (m) => x(m.x)).attr('y', M.top - 6).text((m) => m.label);
    cursorG.selectAll('line').data(view.cursor === null || view.cursor === undefined ? [] : [view.cursor]).join('line').attr('x1', (c) => x(c)).attr('x2', (c) => x(c)).attr('y1', M.top).attr('y2', height - M.bottom).attr('stroke', 'currentColor').attr('stroke-width', 1.5);
    return { width, height, x, y };
  };
}
