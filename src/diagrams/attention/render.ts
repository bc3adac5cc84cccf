/**
 * The attention diagram, after BertViz's head view: the text as two columns of tokens, queries
 * on the left and keys on the right. The selected query sends a line to every key it can see,
 * with stroke width ∝ weight (and opacity ∝ weight relative to its strongest key); keys after
 * the query are marked as hidden from it by the causal mask. The strongest keys get percentages.
 *
 * Performance: layout (positions, labels, one line per key) happens only when the data or the
 * width changes. Selecting another query is the fast path: the D3 joins set attributes on
 * existing nodes and nothing is created or measured, so a hover stays well under one frame.
 * Draws only inside `root`, using `root.ownerDocument`; all text goes through `.text()`.
 */
import type { Selection } from 'd3';
import { topEntries } from '../../math/attention';
import { percent, showToken } from '../kit/tokens';
import { TOP_LABELS, clampQuery, clip, row, summarize, table, type AttentionChart, type AttentionOptions, type AttentionView } from '../kit/attention/view';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';

export type { AttentionChart, AttentionOptions, AttentionView } from '../kit/attention/view';

const ROW_H = 26; // px per token row
const BOX_H = 22;
const HEAD_H = 26; // column headings
const PAD = 4;
const PCT_W = 56; // room for "100.0%" at 12 px
const MIN_WIDTH = 280;
const CHAR_W = 8.4; // px per character of the 14 px monospace labels (0.6 em)
const MAX_STROKE = 10; // px, a weight of 100 %
const MIN_STROKE = 0.75; // px, so a 0.1 % line is still there to see

type Each<E extends Element> = Selection<E, number, SVGGElement, unknown>;

interface Layout {
  width: number;
  colW: number;
  keyX: number;
  chars: number;
  y: (i: number) => number;
}

function layoutFor(width: number | undefined): Layout {
  const w = Math.max(MIN_WIDTH, Math.round(width ?? 560));
  const colW = Math.max(84, Math.min(180, Math.round(w * 0.28)));
  return {
    width: w,
    colW,
    keyX: w - PCT_W - colW,
    chars: Math.max(3, Math.floor((colW - 12) / CHAR_W)),
    y: (i) => HEAD_H + i * ROW_H,
  };
}

export function render(root: HTMLElement, data: AttentionView, options: AttentionOptions = {}): AttentionChart {
  let opts = { ...options };
  let d = data;
  let q = clampQuery(opts.query, d.tokens.length);
  let lay = layoutFor(opts.width);
  const base = clearedRoot(root);

  const summary = liveLine(base, 'gb-att-summary');
  const svg = exportSvg(base, 'gb-att-chart').attr('font-size', 14);
  const [headings, linesG, keysG, pctG] = hiddenGroups(svg, 'gb-att-headings', 'gb-att-lines', 'gb-att-keys', 'gb-att-pcts');
  const qHead = headings.append('text').attr('text-anchor', 'end').attr('y', 16);
  const kHead = headings.append('text').attr('y', 16);
  const queriesG = listbox(svg, 'gb-att-queries', 'vertical', 'Query token: pick one with the arrow keys to see where it attends');
  const tbl = table(base, 'gb-att');
  // Joined once per layout and reused by every selection, so a hover does no selector matching.
  let qSel: Each<SVGGElement>;
  let kSel: Each<SVGGElement>;
  let kBox: Each<SVGRectElement>;
  let lSel: Each<SVGLineElement>;

  const unwire = wireQueries(
    queriesG,
    () => d.tokens.length,
    () => q,
    (next) => opts.onSelect?.(next),
  );

  /** Everything that depends on the data or the width, not on the selected query. */
  function layout() {
    const T = d.tokens.length;
    const { width, colW, keyX, chars, y } = lay;
    const height = HEAD_H + T * ROW_H + PAD;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    svg.attr('data-motion', opts.reducedMotion ? 'off' : 'on');
    qHead.attr('x', colW - 6).text(T ? 'Query' : '');
    kHead.attr('x', keyX + 6).text(T ? 'attends to' : '');
    const indices = Array.from({ length: T }, (_, i) => i);

    qSel = queriesG
      .selectAll<SVGGElement, number>('g.gb-att-q')
      .data(indices)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-att-q').attr('role', 'option');
        g.append('rect').attr('class', 'gb-att-box').attr('rx', 4);
        g.append('text').attr('class', 'gb-att-label').attr('text-anchor', 'end').attr('dy', '0.35em');
        return g;
      })
      .attr('data-token', (i) => i + 1)
      .attr('data-token-id', (i) => d.tokens[i].id)
      .attr('aria-label', (i) => `Token ${i + 1} of ${T}: ${showToken(d.tokens[i].text)}`)
      .attr('transform', (i) => `translate(0,${y(i)})`);
    qSel.select('rect').attr('width', colW).attr('height', BOX_H);
    qSel
      .select('text')
      .attr('x', colW - 6)
      .attr('y', BOX_H / 2)
      .text((i) => clip(d.tokens[i].text, chars));

    kSel = keysG
      .selectAll<SVGGElement, number>('g.gb-att-key')
      .data(indices)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-att-key');
        g.append('rect').attr('class', 'gb-att-box').attr('rx', 4);
        g.append('text').attr('class', 'gb-att-label').attr('dy', '0.35em');
        return g;
      })
      .attr('data-key', (i) => i + 1)
      .attr('transform', (i) => `translate(${keyX},${y(i)})`);
    kBox = kSel.select<SVGRectElement>('rect').attr('width', colW).attr('height', BOX_H);
    kSel
      .select('text')
      .attr('x', 6)
      .attr('y', BOX_H / 2)
      .text((i) => clip(d.tokens[i].text, chars));

    lSel = linesG
      .selectAll<SVGLineElement, number>('line')
      .data(indices)
      .join('line')
      .attr('class', 'gb-att-line')
      .attr('data-key', (i) => i + 1)
      .attr('x1', colW + 2)
      .attr('x2', keyX - 2)
      .attr('y2', (i) => y(i) + BOX_H / 2);
    pctG.attr('transform', `translate(${width},0)`);
  }

  /** The fast path: only attributes that follow the selected query. */
  function selectQuery() {
    const T = d.tokens.length;
    const { y } = lay;
    const weights = T ? row(d, q) : [];
    let max = 0;
    for (let k = 0; k < weights.length; k++) max = Math.max(max, weights[k]);
    const rel = (k: number) => (k <= q && max > 0 ? weights[k] / max : 0);
    const yq = y(q) + BOX_H / 2;

    summary.text(summarize(d, q));
    qSel
      .classed('is-selected', (i) => i === q)
      .attr('aria-selected', (i) => String(i === q))
      .attr('tabindex', (i) => (i === q ? 0 : -1));
    kSel
      .classed('is-masked', (k) => k > q)
      .classed('is-query', (k) => k === q)
      .attr('data-w', (k) => (k <= q ? weights[k] : 0));
    // At most 40 % tint keeps the label's contrast at AA in both themes.
    kBox.attr('fill-opacity', (k) => (0.4 * rel(k)).toFixed(3));
    lSel
      .attr('visibility', (k) => (k <= q ? null : 'hidden'))
      .attr('y1', yq)
      .attr('data-w', (k) => (k <= q ? weights[k] : 0))
      .attr('stroke-width', (k) => (k <= q ? Math.max(MIN_STROKE, MAX_STROKE * weights[k]).toFixed(2) : 0))
      .attr('stroke-opacity', (k) => (0.25 + 0.75 * rel(k)).toFixed(3));
    const top = T ? topEntries(weights, TOP_LABELS).filter((e) => e.weight > 0) : [];
    pctG
      .selectAll<SVGTextElement, { index: number; weight: number }>('text')
      .data(top)
      .join((enter) => enter.append('text').attr('class', 'gb-att-pct').attr('text-anchor', 'end').attr('dy', '0.35em'))
      .attr('data-key', (e) => e.index + 1)
      .attr('y', (e) => y(e.index) + BOX_H / 2)
      .text((e) => percent(e.weight));
    tbl.update(d, q);
    followFocus(queriesG.node() as SVGGElement, q);
  }

  layout();
  selectQuery();

  return {
    update(next, nextOptions) {
      const prevWidth = lay.width;
      const prevMotion = opts.reducedMotion;
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const relayout = next !== d || layoutFor(opts.width).width !== prevWidth || opts.reducedMotion !== prevMotion;
      d = next;
      q = clampQuery(opts.query, d.tokens.length);
      if (relayout) {
        lay = layoutFor(opts.width);
        layout();
      }
      selectQuery();
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}
