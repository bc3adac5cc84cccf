/**
 * Confident is not correct: one dot per prompt, placed by how sure the model was of its top guess
 * (top-1 p, x) in the row of right or wrong guesses; the prompts as a list, each with its verdict,
 * top guess and the answer's probability and rank; the chosen prompt's top five. Hover, tap or
 * arrow keys pick a prompt (`data-token`: its 1-based place in the list). Draws only inside
 * `root`; all text goes through `.text()`.
 */
import { scaleLinear, type Selection } from 'd3';
import type { Chart, ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import { followFocus, wirePositions } from '../kit/window/view';
import type { PromptResult } from './data';
import { lanes, promptText, summaryText, type ConfidenceBody } from './view';

export interface ConfidenceOptions extends ChartOptions {
  /** 1-based prompt whose top five show; default the first. */
  position?: number;
  onSelect?: (position: number) => void;
}

/** Okabe–Ito bluish green (right, circle) and vermillion (wrong, cross): colour and shape both say it. */
const RIGHT = '#009E73';
const WRONG = '#D55E00';
const MIN_WIDTH = 280;
const ROW_H = 64;
const R = 8; // px dot radius
const LANE = 2 * R + 4; // px between lanes of one row: a dot's height and a gap
const M = { top: 8, right: 16, bottom: 40, left: 64 };

export function render(root: HTMLElement, data: ConfidenceBody, options: ConfidenceOptions = {}): Chart<ConfidenceBody, ConfidenceOptions> {
  let opts = { ...options };
  let d = data;
  let width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
  let pos = 1;
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-cf-summary');
  const svg = exportSvg(base, 'gb-cf-chart').attr('font-size', 12);
  const [axesG, dotsG, ringG] = hiddenGroups(svg, 'gb-cf-axes', 'gb-cf-dots', 'gb-cf-ring');
  const list = base.append('ol').attr('class', 'gb-cf-list').attr('role', 'listbox').attr('aria-label', 'Prompts: pick one with the arrow keys to see its top five guesses');
  const detail = liveLine(base, 'gb-cf-detail');
  const top5 = base.append('ol').attr('class', 'gb-cf-top').attr('role', 'list');
  const tbl = dataTable<ConfidenceBody>(
    base,
    { cls: 'gb-cf-table', columns: ['Prompt', 'Answer', 'Top guess', 'Confidence (top-1 p)', 'Right?', 'p(answer)', 'Rank of answer', 'Top 5'] },
    (b) => ({
      caption: 'Each prompt: the model’s top guess and how sure it was, and the probability and rank it gave the answer’s first token',
      rows: b.prompts.map((p) => ({
        cells: [
          { text: p.prompt, head: true },
          { text: showToken(p.answer_token.text) },
          { text: showToken(p.top[0].text) },
          { text: percent(p.confidence) },
          { text: p.right ? 'right' : 'wrong' },
          { text: percent(p.answer_p) },
          { text: p.answer_rank },
          { text: p.top.map((g) => `${showToken(g.text)} ${percent(g.p)}`).join(', ') },
        ],
      })),
    }),
  );

  const unwire = wirePositions(
    list as unknown as Selection<Element, unknown, null, undefined>,
    () => (d.prompts.length ? [1, d.prompts.length] : null),
    () => pos,
    (p) => opts.onSelect?.(p),
  );

  const x = scaleLinear();
  /** Each row's height (px), right then wrong: room for its lanes of dots. */
  let rows = [ROW_H, ROW_H];
  const rowY = (right: boolean) => M.top + (right ? rows[0] / 2 : rows[0] + rows[1] / 2);
  const lane = new Map<PromptResult, number>();

  function layout() {
    const hi = Math.min(1, Math.max(0.6, Math.ceil((Math.max(0, ...d.prompts.map((p) => p.confidence)) + 0.05) * 10) / 10));
    x.domain([0, hi]).range([M.left, width - M.right]);
    lane.clear();
    rows = [true, false].map((right) => {
      const ps = d.prompts.filter((p) => p.right === right);
      const ls = lanes(ps.map((p) => x(p.confidence)), 2 * R + 6);
      ls.forEach((l, i) => lane.set(ps[i], l));
      return Math.max(ROW_H, (2 * Math.max(0, ...ls.map(Math.abs)) + 1) * LANE + 2 * R);
    });
    const plot = rows[0] + rows[1];
    const height = M.top + plot + M.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).attr('hidden', d.prompts.length ? null : '');
    const ticks = x.ticks(width < 480 ? 3 : 6);
    axesG
      .selectAll('line.gb-cf-grid')
      .data(ticks)
      .join('line')
      .attr('class', 'gb-cf-grid')
      .attr('x1', (v) => x(v))
      .attr('x2', (v) => x(v))
      .attr('y1', M.top)
      .attr('y2', M.top + plot)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.15);
    axesG
      .selectAll('text.gb-cf-tick')
      .data(ticks)
      .join('text')
      .attr('class', 'gb-cf-tick')
      .attr('x', (v) => x(v))
      .attr('y', M.top + plot + 14)
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .text((v) => `${Math.round(v * 100)}%`);
    axesG
      .selectAll('text.gb-cf-row')
      .data([true, false])
      .join('text')
      .attr('class', 'gb-cf-row')
      .attr('x', 0)
      .attr('y', (r) => rowY(r) + 4)
      .attr('fill', (r) => (r ? RIGHT : WRONG))
      .attr('font-weight', 'bold')
      .text((r) => (r ? '✓ right' : '✗ wrong'));
    axesG
      .selectAll('text.gb-cf-axis')
      .data(['how sure: p of the top guess →'])
      .join('text')
      .attr('class', 'gb-cf-axis')
      .attr('x', width - M.right)
      .attr('y', M.top + plot + 32)
      .attr('text-anchor', 'end')
      .attr('fill', 'currentColor')
      .text((s) => s);
    const dot = dotsG
      .selectAll<SVGGElement, PromptResult>('g.gb-cf-dot')
      .data(d.prompts)
      .join((e) => {
        const g = e.append('g').attr('class', 'gb-cf-dot');
        g.append('path');
        g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('font-size', 10);
        return g;
      })
      .attr('data-prompt', (_, i) => i + 1)
      .attr('transform', (p) => `translate(${x(p.confidence)},${rowY(p.right) + (lane.get(p) ?? 0) * LANE})`);
    // A circle for right, a square turned 45° for wrong.
    dot
      .select('path')
      .attr('d', (p) => (p.right ? `M${-R},0a${R},${R} 0 1,0 ${2 * R},0a${R},${R} 0 1,0 ${-2 * R},0` : `M0,${-R - 1}L${R + 1},0L0,${R + 1}L${-R - 1},0Z`))
      .attr('fill', (p) => (p.right ? RIGHT : WRONG));
    dot
      .select('text')
      .attr('fill', '#fff')
      .text((_, i) => i + 1);
    list
      .selectAll<HTMLLIElement, PromptResult>('li')
      .data(d.prompts)
      .join('li')
      .attr('role', 'option')
      .attr('data-token', (_, i) => i + 1)
      .attr('class', (p) => (p.right ? 'is-right' : 'is-wrong'))
      .text((p) => `${p.right ? '✓ right' : '✗ wrong'}: “${p.prompt}” → “${showToken(p.top[0].text)}” ${percent(p.confidence)} · answer “${showToken(p.answer_token.text)}” ${percent(p.answer_p)}, rank ${p.answer_rank.toLocaleString('en-US')}${p.added ? ' · yours' : ''}`);
    tbl.update(d);
  }

  function choose() {
    summary.text(summaryText(d));
    list
      .selectAll<HTMLLIElement, PromptResult>('li')
      .attr('aria-selected', (_, i) => String(i + 1 === pos))
      .attr('tabindex', (_, i) => (i + 1 === pos ? 0 : -1));
    // The chosen dot's ring, drawn over every dot so a neighbour never hides it.
    const at = dotsG.select<SVGGElement>(`g.gb-cf-dot[data-prompt="${pos}"]`);
    ringG
      .selectAll('circle')
      .data(at.empty() ? [] : [at.attr('transform')])
      .join('circle')
      .attr('r', R + 4)
      .attr('fill', 'none')
      .attr('stroke', 'currentColor')
      .attr('stroke-width', 2.5)
      .attr('transform', (t) => t);
    const p = d.prompts[pos - 1];
    detail.text(p ? promptText(p, pos - 1) : '');
    top5
      .selectAll('li')
      .data(p ? p.top : [])
      .join('li')
      .classed('is-answer', (g) => !!p && g.id === p.answer_token.id)
      .text((g, i) => `${i + 1}. ${showToken(g.text)} ${percent(g.p)}${p && g.id === p.answer_token.id ? ' (the answer)' : ''}`);
    followFocus(list.node() as HTMLElement, pos);
  }

  function pick() {
    const n = d.prompts.length;
    pos = Math.min(Math.max(1, n), Math.max(1, Math.round(Number.isFinite(opts.position) ? (opts.position as number) : 1)));
  }

  pick();
  layout();
  choose();

  return {
    update(next, nextOptions) {
      const prevWidth = width;
      if (nextOptions) opts = { ...opts, ...nextOptions };
      width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
      const relayout = next !== d || width !== prevWidth;
      d = next;
      pick();
      if (relayout) layout();
      choose();
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}
