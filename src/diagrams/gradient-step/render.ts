/**
 * The gradient step: the sentence as tokens (pick the position to step), the loss and gradient
 * numbers, and paired bars for each candidate's probability before and after the step, the true
 * next token marked. A one-line summary and a table are the text alternative. Text goes through
 * d3 `.text()`, never markup.
 */
import { scaleLinear } from 'd3';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import { candidates, type Candidate, type StepBody } from './view';

export interface StepOptions extends ChartOptions {
  /** The reader picked a position (1-based). */
  onPick?: (position: number) => void;
}

const ROW_H = 30; // px per candidate: two bars
const BAR_H = 11;
const LABEL_W = 110;
const PCT_W = 110;
const MIN_WIDTH = 300;
const BEFORE = '#56B4E9';
const AFTER = '#0072B2';
const TARGET = '#D55E00';

const f3 = (v: number) => v.toFixed(3);

export function summarize(b: StepBody): string {
  if (!b.target) return 'This text has fewer than two tokens, so there is no next token to learn.';
  const ctx = b.tokens.slice(0, b.position).map((t) => t.text).join('');
  return (
    `After “${ctx.slice(-40)}” the true next token is “${showToken(b.target.text)}”. One step at learning rate ${b.lr.toPrecision(2)} ` +
    `takes its loss from ${f3(b.loss_before)} to ${f3(b.loss_after)} nats; the other ${b.others.count} positions go from ${f3(b.others.before)} to ${f3(b.others.after)} on average (${b.verdict === 'none' ? '' : b.verdict}).`
  );
}

export function render(root: HTMLElement, data: StepBody, options: StepOptions = {}): Chart<StepBody, StepOptions> {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-gs-summary');
  const tokens = base.append('ol').attr('class', 'gb-gs-tokens').attr('aria-label', 'Positions: pick the token whose next token the step learns');
  const stats = base.append('dl').attr('class', 'gb-gs-stats');
  base.append('p').attr('class', 'gb-gs-key').text('Each token has two bars: the lighter is its probability before the step, the darker after it. The true next token is in bold orange.');
  const svg = exportSvg(base, 'gb-gs-chart').attr('aria-hidden', 'true').attr('font-size', 12);
  const table = dataTable<StepBody>(base, { cls: 'gb-gs-table', columns: ['Token', 'Token id', 'p before', 'p after', 'p − y'] }, (b) => ({
    caption: b.target ? `Candidates for the token after position ${b.position}, before and after one step` : 'No step for this text',
    rows: candidates(b).map((c) => ({
      cells: [{ text: showToken(c.text), head: true }, { text: c.id }, { text: percent(c.p_before) }, { text: percent(c.p_after) }, { text: (c.p_before - (c.id === b.target?.id ? 1 : 0)).toFixed(4) }],
    })),
  }));
  let opts = options;

  function draw(b: StepBody, o: StepOptions) {
    opts = o;
    const width = Math.max(MIN_WIDTH, Math.round(o.width ?? 640));
    summary.text(summarize(b));
    tokens
      .selectAll<HTMLLIElement, StepBody['tokens'][number]>('li')
      .data(b.tokens.slice(0, Math.max(0, b.tokens.length - 1)))
      .join((e) => {
        const li = e.append('li');
        li.append('button').attr('type', 'button').on('click', (ev: MouseEvent) => opts.onPick?.(Number((ev.currentTarget as HTMLElement).dataset.token)));
        return li;
      })
      .select('button')
      .attr('data-token', (_, i) => i + 1)
      .attr('aria-pressed', (_, i) => String(i + 1 === b.position))
      .text((t) => showToken(t.text));
    const rows: [string, string][] = b.target
      ? [
          ['Loss −ln p(y)', `${f3(b.loss_before)} → ${f3(b.loss_after)} nats`],
          ['Gradient at the logits, ‖p − y‖', f3(b.logit_grad_norm)],
          ['Gradient of W, ‖(p − y) xᵀ‖', f3(b.grad_norm)],
          ['Logit change, η‖x‖²', `${(b.lr * b.x_norm2).toPrecision(3)} per unit of p − y`],
          ['Rest of the sentence', `${f3(b.others.before)} → ${f3(b.others.after)} nats (${b.verdict})`],
        ]
      : [];
    const items = stats.selectAll<HTMLDivElement, [string, string]>('div').data(rows).join((e) => {
      const div = e.append('div');
      div.append('dt');
      div.append('dd');
      return div;
    });
    items.select('dt').text((r) => r[0]);
    items.select('dd').text((r) => r[1]);
    drawBars(b, width);
    table.update(b);
  }

  function drawBars(b: StepBody, width: number) {
    const rows = candidates(b);
    const height = Math.max(ROW_H, rows.length * ROW_H);
    const max = Math.max(1e-9, ...rows.flatMap((c) => [c.p_before, c.p_after]));
    const x = scaleLinear().domain([0, max]).range([0, Math.max(40, width - LABEL_W - PCT_W)]);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const g = svg.selectAll<SVGGElement, Candidate>('g.gb-gs-row').data(rows, (c) => String(c.id)).join((e) => {
      const n = e.append('g').attr('class', 'gb-gs-row');
      n.append('text').attr('class', 'gb-gs-label').attr('text-anchor', 'end').attr('fill', 'currentColor');
      n.append('rect').attr('class', 'gb-gs-before').attr('fill', BEFORE);
      n.append('rect').attr('class', 'gb-gs-after').attr('fill', AFTER);
      n.append('text').attr('class', 'gb-gs-pct').attr('fill', 'currentColor');
      return n;
    });
    g.attr('transform', (_, i) => `translate(0,${i * ROW_H})`).attr('data-token-id', (c) => c.id);
    g.select('.gb-gs-label').attr('x', LABEL_W - 6).attr('y', BAR_H + 2).attr('font-weight', (c) => (c.id === b.target?.id ? 700 : 400)).attr('fill', (c) => (c.id === b.target?.id ? TARGET : 'currentColor')).text((c) => showToken(c.text).slice(0, 12));
    g.select('.gb-gs-before').attr('x', LABEL_W).attr('y', 2).attr('height', BAR_H).attr('width', (c) => Math.max(1, x(c.p_before)));
    g.select('.gb-gs-after').attr('x', LABEL_W).attr('y', 2 + BAR_H).attr('height', BAR_H).attr('width', (c) => Math.max(1, x(c.p_after)));
    g.select('.gb-gs-pct').attr('x', (c) => LABEL_W + Math.max(x(c.p_before), x(c.p_after)) + 6).attr('y', BAR_H + 2).text((c) => `${percent(c.p_before)} → ${percent(c.p_after)}`);
  }

  return redrawn(root, data, options, draw);
}
