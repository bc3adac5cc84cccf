/**
 * The next-token diagram: the prompt as tokens, then horizontal bars for the most likely next
 * tokens, plus a one-line summary and a data table as the text alternative. A small model
 * often spreads its guesses thin (a top guess of 2 %), so the scale is fitted to the largest
 * bar and labelled with a percentage axis rather than always running to 100 %.
 * Draws only inside `root`, with the document taken from `root.ownerDocument` (d3 does this),
 * so it runs in jsdom and at build time. All text goes through d3 `.text()`, never markup.
 */
import { scaleLinear, type BaseType, type Selection } from 'd3';
// d3-transition adds selection.transition() and .interrupt() to the prototype; d3's package is
// marked side-effect free, so without this import a bundler drops that patch.
import 'd3-transition';
import { percent, showToken, tail } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg } from '../kit/dom';
import { dataTable } from '../kit/table';

export interface NextTokenView {
  /** The text these numbers are for. */
  text: string;
  /** True when the text was cut to the model's context. */
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** Descending probability. */
  top: { id: number; text: string; p: number }[];
}

/** With reducedMotion the bars jump to the new state. */
export type NextTokenOptions = ChartOptions;

export type NextTokenChart = Chart<NextTokenView, NextTokenOptions>;

type Row = NextTokenView['top'][number];

const ROW_H = 28; // px per bar row
const BAR_H = 20;
const AXIS_H = 22; // tick labels above the bars
const PAD = 4;
const TICKS = 4;
const PCT_W = 64; // room for "100.0%"
const MIN_WIDTH = 280;
const LABEL_CHARS = 14; // longer token labels are elided; the table has the full text
const DURATION = 250; // ms
/** Okabe–Ito blue: colour-blind safe, 5:1 on white and above 3:1 on near-black. */
const BAR_FILL = '#0072B2';

function clip(s: string): string {
  const chars = Array.from(s);
  return chars.length > LABEL_CHARS ? chars.slice(0, LABEL_CHARS - 1).join('') + '…' : s;
}

export function summarize(data: NextTokenView): string {
  const first = data.top[0];
  if (!first) return 'The model gave no predictions for this text.';
  const where = data.text === '' ? 'With no prompt (the start of a document)' : `After “${tail(data.text)}”`;
  const sum = data.top.reduce((a, d) => a + d.p, 0);
  return (
    `${where}, the most likely next token is “${showToken(first.text)}” at ${percent(first.p)}; ` +
    `the ${data.top.length} shown add up to ${percent(sum)}.`
  );
}

export function render(root: HTMLElement, data: NextTokenView, options: NextTokenOptions = {}): NextTokenChart {
  const base = clearedRoot(root);

  const summary = base.append('p').attr('class', 'gb-nt-summary');
  const tokenList = base.append('ol').attr('class', 'gb-nt-tokens');
  const svg = exportSvg(base, 'gb-nt-chart').attr('aria-hidden', 'true').attr('font-size', 14);
  const axisG = svg.append('g').attr('class', 'gb-nt-axis');
  const rowsG = svg.append('g').attr('class', 'gb-nt-rows').attr('transform', `translate(0,${AXIS_H + PAD})`);
  const table = dataTable<NextTokenView>(base, { cls: 'gb-nt-table', columns: ['Rank', 'Token', 'Token id', 'Probability'] }, (d) => ({
    caption: d.text === '' ? 'Most likely first tokens' : `Most likely next tokens after “${tail(d.text)}”`,
    rows: d.top.map((r, i) => ({ cells: [{ text: i + 1 }, { text: showToken(r.text), cls: 'gb-nt-mono' }, { text: r.id }, { text: percent(r.p) }] })),
  }));

  function draw(d: NextTokenView, opts: NextTokenOptions) {
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const animate = !opts.reducedMotion;
    const labelW = Math.round(Math.min(160, width * 0.3));
    const barX = labelW + 8;
    const barMax = Math.max(40, width - barX - PCT_W - 8);
    const maxP = Math.max(0, ...d.top.map((r) => r.p));
    const x = scaleLinear()
      .domain([0, maxP > 0 ? maxP : 1])
      .nice(TICKS)
      .range([0, barMax])
      .clamp(true);
    if (x.domain()[1] > 1) x.domain([0, 1]);
    const y = (i: number) => i * ROW_H;
    const rowsH = d.top.length * ROW_H;
    const height = AXIS_H + rowsH + 2 * PAD;

    summary.text(summarize(d));

    tokenList
      .attr('aria-label', `The text as the model reads it: ${d.tokens.length} token${d.tokens.length === 1 ? '' : 's'}`)
      .selectAll('li')
      .data(d.tokens)
      .join('li')
      .attr('data-token', (_, i) => i + 1)
      .attr('data-token-id', (t) => t.id)
      .text((t) => showToken(t.text));

    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    // Only animated draws create a transition, so reduced-motion draws leave no timers behind.
    // Typed on BaseType: d3's typings reject a transition from an SVGSVGElement selection as a parent.
    const t = animate ? (svg as unknown as Selection<BaseType, unknown, null, undefined>).transition().duration(DURATION) : null;

    const tickFormat = x.tickFormat(TICKS, '%');
    const ticks = axisG
      .selectAll<SVGGElement, number>('g.gb-nt-tick')
      .data(x.ticks(TICKS))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-nt-tick');
        g.append('line').attr('stroke', 'currentColor').attr('stroke-opacity', 0.2);
        g.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 12);
        return g;
      })
      .attr('transform', (v) => `translate(${barX + x(v)},0)`);
    ticks.select('line').attr('y1', AXIS_H - 4).attr('y2', AXIS_H + PAD + rowsH);
    ticks
      .select('text')
      .attr('y', AXIS_H - 8)
      .text((v) => tickFormat(v));

    const rows = rowsG
      .selectAll<SVGGElement, Row>('g.gb-nt-row')
      .data(d.top, (r) => String(r.id))
      .join(
        (enter) => {
          const g = enter
            .append('g')
            .attr('class', 'gb-nt-row')
            .attr('transform', (_, i) => `translate(0,${y(i)})`);
          g.append('title');
          g.append('rect').attr('class', 'gb-nt-bar').attr('fill', BAR_FILL).attr('width', 0);
          g.append('text').attr('class', 'gb-nt-label').attr('text-anchor', 'end').attr('fill', 'currentColor');
          g.append('text').attr('class', 'gb-nt-pct').attr('text-anchor', 'end').attr('fill', 'currentColor');
          if (animate) g.attr('opacity', 0);
          return g;
        },
        (update) => update,
        (exit) => {
          if (t) exit.transition(t).attr('opacity', 0).remove();
          else exit.remove();
        },
      )
      .attr('data-rank', (_, i) => i + 1)
      .attr('data-token-id', (r) => r.id)
      .attr('data-p', (r) => r.p);

    rows.select('title').text((r) => `${showToken(r.text)} (token ${r.id}): ${percent(r.p)}`);
    rows
      .select('.gb-nt-label')
      .attr('x', labelW)
      .attr('y', BAR_H / 2)
      .attr('dy', '0.35em')
      .text((r) => clip(showToken(r.text)));
    rows
      .select('.gb-nt-pct')
      .attr('x', width)
      .attr('y', BAR_H / 2)
      .attr('dy', '0.35em')
      .text((r) => percent(r.p));
    const bars = rows.select<SVGRectElement>('.gb-nt-bar').attr('x', barX).attr('height', BAR_H);

    const barWidth = (r: Row) => Math.max(1, x(r.p)); // a sliver keeps tiny guesses visible
    if (t) {
      rows.transition(t).attr('transform', (_, i) => `translate(0,${y(i)})`).attr('opacity', 1);
      bars.transition(t).attr('width', barWidth);
    } else {
      rows.interrupt().attr('transform', (_, i) => `translate(0,${y(i)})`).attr('opacity', null);
      bars.interrupt().attr('width', barWidth);
    }

    table.update(d);
  }

  return redrawn(root, data, options, draw, () => interruptAll(svg));
}

function interruptAll(svg: Selection<SVGSVGElement, unknown, null, undefined>) {
  svg.interrupt();
  svg.selectAll('*').interrupt();
}
