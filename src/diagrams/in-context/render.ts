/**
 * In-context copying: the copies of the reader's sequence as rows of tiles tinted by the loss the
 * model paid on each token (nats), arcs from each token of a later copy to the token after its
 * place in the copy before (stroke ∝ the induction head's attention there), a line chart of the
 * loss by place in the copy, one line per copy, and the few-shot prompt's guesses. Hover, tap or
 * arrow keys pick a token. Draws only inside `root`; all text goes through `.text()`.
 */
import { interpolateViridis, line, scaleLinear, scaleSequential, type Selection } from 'd3';
import type { Chart, ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { percent, showToken } from '../kit/tokens';
import { followFocus, nats, wirePositions } from '../kit/window/view';
import { emptyMessage, type InductionLink } from './data';
import { table } from './table';
import { arcPath, defaultPosition, FONT, headName, layoutTiles, summaryText, tokenText, type InContextBody, type Tile } from './view';

export interface InContextOptions extends ChartOptions {
  /** 1-based token whose details show; default: the token of copy 2 whose loss fell most. */
  position?: number;
  onSelect?: (position: number) => void;
}

/** Colour domain in nats, as the surprise view: ln 8192 ≈ 9 is a uniform guess. */
const LOSS_MAX = 10;
const colour = scaleSequential((t: number) => interpolateViridis(1 - t)).domain([0, LOSS_MAX]).clamp(true);
const DARK_FROM = 0.55 * LOSS_MAX;
/** Okabe–Ito: copy 1 vermillion (dashed), copy 2 blue (solid), later copies bluish green. */
const COPY_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#009E73'];
const MIN_WIDTH = 280;
const CHART_H = 170;
const M = { top: 12, right: 8, bottom: 30, left: 36 };

export function render(root: HTMLElement, data: InContextBody, options: InContextOptions = {}): Chart<InContextBody, InContextOptions> {
  let opts = { ...options };
  let d = data;
  let width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
  let pos: number | null = null;
  let tiles: Tile[] = [];
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-ic-summary');
  const key = base.append('p').attr('class', 'gb-ic-key');
  const svg = exportSvg(base, 'gb-ic-chart').attr('font-size', FONT);
  const [arcsG, labelsG] = hiddenGroups(svg, 'gb-ic-arcs', 'gb-ic-labels');
  const tokensG = listbox(svg, 'gb-ic-tokens', 'horizontal', 'Tokens of the copies: pick one with the arrow keys');
  const detail = liveLine(base, 'gb-ic-detail');
  const lossSvg = base.append('svg').attr('class', 'gb-ic-loss').attr('role', 'img');
  const lossTitle = lossSvg.append('title');
  const [axesG, linesG, markG] = hiddenGroups(lossSvg, 'gb-ic-axes', 'gb-ic-lines', 'gb-ic-mark');
  const few = base.append('div').attr('class', 'gb-ic-few');
  const fillTable = table(base);
  let sel: Selection<SVGGElement, Tile, SVGGElement, unknown>;

  const unwire = wirePositions(
    tokensG as unknown as Selection<Element, unknown, null, undefined>,
    () => (d.tokens.length ? [1, d.tokens.length] : null),
    () => pos,
    (p) => opts.onSelect?.(p),
  );

  const linkOf = (index: number | null): InductionLink | undefined => d.induction.find((l) => l.index === index);

  function layout() {
    const empty = emptyMessage(d);
    svg.attr('hidden', empty ? '' : null);
    lossSvg.attr('hidden', empty ? '' : null);
    key.text(
      `Each tile is a token, light where the model expected it, dark where it was surprised (loss in nats). ` +
        `Arcs: where the strongest induction head, ${headName(d)}, looks from each token of a later copy, the token that followed it last time; thicker means more attention.`,
    );
    const lay = layoutTiles(d, width);
    tiles = lay.tiles;
    const top = 6;
    const height = lay.height + top;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 ${-top} ${width} ${height}`);
    labelsG
      .selectAll('text')
      .data(lay.labels)
      .join('text')
      .attr('y', (l) => l.y)
      .attr('font-size', 12)
      .attr('fill', 'currentColor')
      .attr('class', 'gb-ic-halo')
      .text((l) => `copy ${l.copy + 1}${d.copies[l.copy].mean_loss === null ? '' : `, mean loss ${nats(d.copies[l.copy].mean_loss)}`}`);
    const byIndex = new Map(tiles.map((t) => [t.index, t]));
    arcsG
      .selectAll('path')
      .data(d.induction.filter((l) => byIndex.has(l.index) && byIndex.has(l.shifted)))
      .join('path')
      .attr('fill', 'none')
      .attr('d', (l) => arcPath(byIndex.get(l.index)!, byIndex.get(l.shifted)!))
      .attr('data-link', (l) => l.index);
    sel = tokensG
      .selectAll<SVGGElement, Tile>('g.gb-ic-token')
      .data(tiles)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-ic-token').attr('role', 'option');
        g.append('rect').attr('rx', 3).attr('height', 22);
        g.append('text').attr('font-family', 'ui-monospace, Menlo, Consolas, monospace').attr('dy', '0.35em').attr('y', 11);
        return g;
      })
      .attr('data-token', (t) => t.index)
      .attr('transform', (t) => `translate(${t.x},${t.y})`)
      .attr('aria-label', (t) => `Token ${t.index}, copy ${t.copy + 1}: ${showToken(d.tokens[t.index - 1].text)}, ${t.loss === null ? 'not guessed' : `loss ${t.loss.toFixed(2)} nats`}`);
    sel
      .select('rect')
      .attr('width', (t) => t.w)
      .attr('fill', (t) => (t.loss === null ? 'none' : colour(t.loss)))
      .attr('stroke-dasharray', (t) => (t.loss === null ? '3 2' : null));
    sel
      .select('text')
      .attr('x', 3)
      .attr('fill', (t) => (t.loss !== null && t.loss > DARK_FROM ? '#fff' : t.loss !== null ? '#000' : 'currentColor'))
      .text((t) => t.label);
    drawLoss();
    drawFewShot();
    fillTable(d);
  }

  const x = scaleLinear();
  const y = scaleLinear().domain([0, 12]).range([CHART_H - M.bottom, M.top]);

  function drawLoss() {
    const n = Math.max(2, d.copies[0]?.tokens.length ?? 2);
    x.domain([1, n]).range([M.left, width - M.right]);
    lossSvg.attr('width', width).attr('height', CHART_H).attr('viewBox', `0 0 ${width} ${CHART_H}`);
    lossTitle.text('Loss (nats) at each place in the copy, one line per copy');
    const ticks = y.ticks(4);
    axesG
      .selectAll('line')
      .data(ticks)
      .join('line')
      .attr('x1', M.left)
      .attr('x2', width - M.right)
      .attr('y1', (v) => y(v))
      .attr('y2', (v) => y(v))
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.15);
    axesG
      .selectAll('text.gb-ic-tick')
      .data(ticks)
      .join('text')
      .attr('class', 'gb-ic-tick')
      .attr('x', M.left - 4)
      .attr('y', (v) => y(v) + 4)
      .attr('text-anchor', 'end')
      .attr('font-size', 11)
      .attr('fill', 'currentColor')
      .text((v) => v);
    axesG
      .selectAll('text.gb-ic-axis')
      .data(['place in the copy (token) →', 'loss, nats'])
      .join('text')
      .attr('class', 'gb-ic-axis')
      .attr('font-size', 11)
      .attr('fill', 'currentColor')
      .attr('x', (_, i) => (i === 0 ? width - M.right : M.left))
      .attr('y', (_, i) => (i === 0 ? CHART_H - 6 : 9))
      .attr('text-anchor', (_, i) => (i === 0 ? 'end' : 'start'))
      .text((s) => s);
    const path = line<[number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(Math.min(12, p[1])));
    linesG
      .selectAll('path')
      .data(d.copies.slice(0, 4))
      .join('path')
      .attr('fill', 'none')
      .attr('stroke', (_, i) => COPY_COLOURS[i])
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', (_, i) => (i === 0 ? '5 3' : i >= 2 ? '2 2' : null))
      .attr('d', (c) => path(c.losses.flatMap((l, i) => (l === null || i === 0 ? [] : [[i + 1, l] as [number, number]]))));
    linesG
      .selectAll('text')
      .data(d.copies.slice(0, 4))
      .join('text')
      .attr('font-size', 11)
      .attr('fill', (_, i) => COPY_COLOURS[i])
      .attr('x', (_, i) => M.left + 6 + i * 64)
      .attr('y', CHART_H - 6)
      .text((_, i) => `— copy ${i + 1}`);
  }

  function drawFewShot() {
    const f = d.few_shot;
    few.selectChildren().remove();
    few.append('p').attr('class', 'gb-ic-few-title').text('Few-shot: a rule shown by two examples');
    few.append('p').append('code').attr('class', 'gb-ic-mono').text(f.prompt);
    few.append('p').text(`The model's five most likely next tokens (the rule asks for “${showToken(f.expected)}”):`);
    few
      .append('ol')
      .attr('class', 'gb-ic-guesses')
      .attr('role', 'list')
      .selectAll('li')
      .data(f.top)
      .join('li')
      .text((g, i) => `${i + 1}. ${showToken(g.text)} ${percent(g.p)}`);
    few
      .append('p')
      .attr('class', 'gb-ic-honest')
      .text(
        f.right
          ? 'Its top guess starts the answer the rule asks for. Watch whether it still does for a rule it has never seen.'
          : 'Its top guess does not start the answer. A model of 4 million parameters copies tokens it has seen in the prompt (the arcs above), but it does not pick up a new rule from two examples: that ability appears only in far larger models.',
      );
  }

  function choose() {
    summary.text(summaryText(d));
    const link = linkOf(pos);
    sel
      .attr('aria-selected', (t) => String(t.index === pos))
      .attr('tabindex', (t) => (t.index === pos ? 0 : -1))
      .select('rect')
      .attr('stroke', (t) => (t.index === pos || t.index === link?.shifted || t.loss === null ? 'currentColor' : null))
      .attr('stroke-width', (t) => (t.index === pos ? 2.5 : t.index === link?.shifted ? 2 : 1));
    arcsG
      .selectAll<SVGPathElement, InductionLink>('path')
      .attr('stroke', (l) => (l.index === pos ? '#CC79A7' : 'currentColor'))
      .attr('stroke-opacity', (l) => (l.index === pos ? 1 : 0.35))
      .attr('stroke-width', (l) => (l.index === pos ? 1.5 : 0.5) + 5 * l.weight);
    detail.text(pos === null ? '' : tokenText(d, pos, link));
    const t = tiles.find((x) => x.index === pos);
    const place = t ? pos! - d.copies[t.copy].start + 1 : null;
    markG
      .selectAll('line')
      .data(place === null ? [] : [place])
      .join('line')
      .attr('x1', (p) => x(p))
      .attr('x2', (p) => x(p))
      .attr('y1', M.top)
      .attr('y2', CHART_H - M.bottom)
      .attr('stroke', '#CC79A7')
      .attr('stroke-width', 2);
    followFocus(tokensG.node() as SVGGElement, pos);
  }

  function pick() {
    const T = d.tokens.length;
    const p = opts.position;
    pos = T === 0 ? null : Number.isFinite(p) ? Math.min(T, Math.max(1, Math.round(p as number))) : defaultPosition(d);
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
