/**
 * All heads at once (BertViz's model view, live): a layers × heads grid of small bar charts,
 * each one head's attention from the query token to every token up to it, labelled with the
 * head's measured pattern. Above it, the sentence as a radio group picks the query token.
 * Draws only inside `root` (the document comes from root.ownerDocument), so it runs in jsdom
 * and at build time; all text goes through d3 `.text()`, never markup.
 */
import { select } from 'd3';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, groups, hiddenGroups } from '../kit/dom';

export interface HeadCellView {
  /** 1-based, as readers see them. */
  layer: number;
  head: number;
  /** The measured pattern from heads.json, e.g. "previous-token", or "broad" when none stands out. */
  label: string;
  /** A few characters of it for the cell. */
  short: string;
  /** False when the label names no pattern. */
  patterned: boolean;
  /** The score (0..1) behind the label: mean attention weight on its probe. */
  score: number;
  /** That score over an even spread's, when heads.json has it. */
  lift?: number;
  /** Attention from the query to keys 1..token, a row of the model's softmax; sums to 1. */
  weights: number[];
}

export interface AttentionHeadsView {
  text: string;
  tokens: { id: number; text: string }[];
  /** 1-based query token. */
  token: number;
  layers: number;
  headsPerLayer: number;
  /** Layer-major: layer 1 heads 1…H, then layer 2, … */
  heads: HeadCellView[];
}

export interface HeadRef {
  layer: number;
  head: number;
}

/** reducedMotion is accepted for the common render signature; the grid never animates, so it always jumps. */
export interface AttentionHeadsOptions extends ChartOptions {
  /** The head shown as chosen (1-based), e.g. the one the main attention diagram shows. */
  selected?: HeadRef | null;
  /** A 1-based key token whose bar is marked in every cell (series 5). */
  key?: number | null;
  onSelect?: (head: HeadRef) => void;
  onToken?: (token: number) => void;
}

export type AttentionHeadsChart = Chart<AttentionHeadsView, AttentionHeadsOptions>;

const MIN_WIDTH = 280; // px
const MAX_WIDTH = 760; // px: wider cells would only stretch the bars
const ROW_LABEL_W = 26; // px, "L6"
const COL_LABEL_H = 18; // px, "H6"
const GAP = 4; // px between cells
const PAD = 4; // px inside a cell
const BARS_H = 30; // px, bar height for a weight of 1
const LINE_H = 13; // px per text line
const WIDE_CELL = 84; // px: from this cell width on, labels carry their numbers
const CHAR_W = 6.2; // px per character of 10 px monospace, to clip labels

const PATTERN_CLASS: Record<string, string> = {
  prev: 'gb-ah-p1',
  first: 'gb-ah-p2',
  self: 'gb-ah-p3',
  induct: 'gb-ah-p4',
  pron: 'gb-ah-p5',
};

function clip(s: string, chars: number): string {
  const a = Array.from(s);
  return a.length > chars ? a.slice(0, Math.max(1, chars - 1)).join('') + '…' : s;
}

/** Index of the largest weight; ties go to the earliest key. */
export function topKey(weights: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < weights.length; i++) if (weights[i] > weights[best]) best = i;
  return best;
}

const tokenText = (d: AttentionHeadsView, i: number) => showToken(d.tokens[i]?.text ?? '');

/** "27.1% on its probe, 4.6× an even spread", for the table and the cell's label. */
export function patternScore(c: HeadCellView): string {
  return c.lift === undefined ? `${percent(c.score)} on its probe` : `${percent(c.score)} on its probe, ${c.lift.toFixed(1)}× an even spread`;
}

export function describeHead(d: AttentionHeadsView, c: HeadCellView): string {
  const k = topKey(c.weights);
  return (
    `Layer ${c.layer}, head ${c.head}: ${c.patterned ? `${c.label} (${patternScore(c)})` : `${c.label}, no single measured pattern`}; ` +
    `from “${tokenText(d, d.token - 1)}” it puts ${percent(c.weights[k] ?? 0)} on “${tokenText(d, k)}” (token ${k + 1}).`
  );
}

export function summarize(d: AttentionHeadsView): string {
  if (!d.tokens.length || !d.heads.length) return 'There is no text to attend over.';
  let best = d.heads[0];
  for (const c of d.heads) if ((c.weights[topKey(c.weights)] ?? 0) > (best.weights[topKey(best.weights)] ?? 0)) best = c;
  const k = topKey(best.weights);
  return (
    `Attention from “${tokenText(d, d.token - 1)}” (token ${d.token} of ${d.tokens.length}) in all ` +
    `${d.heads.length} heads. The strongest single weight is layer ${best.layer}, head ${best.head}: ` +
    `${percent(best.weights[k] ?? 0)} on “${tokenText(d, k)}”.`
  );
}

/** SVG path of one bar per key, bottom-aligned; empty when no key. */
function barsPath(weights: readonly number[], only: number | null, w: number, x0: number, y0: number): string {
  const n = weights.length;
  if (!n) return '';
  const bw = w / n;
  let d = '';
  for (let i = 0; i < n; i++) {
    if (only !== null && i !== only) continue;
    const h = Math.max(0.5, Math.min(1, weights[i]) * BARS_H); // a hairline keeps 0 visible as "no weight"
    const barW = Math.max(0.5, bw > 3 ? bw - 1 : bw); // 1 px gap between bars when there is room
    d += `M${(x0 + i * bw).toFixed(2)},${(y0 + BARS_H - h).toFixed(2)}h${barW.toFixed(2)}v${h.toFixed(2)}h${(-barW).toFixed(2)}Z`;
  }
  return d;
}

export function render(root: HTMLElement, data: AttentionHeadsView, options: AttentionHeadsOptions = {}): AttentionHeadsChart {
  let opts = { ...options };
  let current = data;
  const base = clearedRoot(root);

  const summary = base.append('p').attr('class', 'gb-ah-summary');
  const picker = base.append('div').attr('class', 'gb-ah-picker');
  picker.append('span').attr('class', 'gb-ah-picker-label').attr('aria-hidden', 'true').text('Attention from:');
  const tokenList = picker.append('div').attr('class', 'gb-ah-tokens').attr('role', 'radiogroup').attr('aria-label', 'Attention from');
  const svg = exportSvg(base, 'gb-ah-chart').attr('role', 'group').attr('font-size', 10);
  const [colsG, rowsG, cellsG] = groups(svg, 'gb-ah-cols', 'gb-ah-rows', 'gb-ah-cells');
  // Cell texts sit on their own layer above the buttons: each button's aria-label says the same in
  // words, and a button containing different visible text would fail WCAG 2.5.3 (label in name).
  const [textsG] = hiddenGroups(svg, 'gb-ah-texts');
  textsG.attr('pointer-events', 'none');
  const table = dataTable<{ d: AttentionHeadsView; isSel: (c: HeadCellView) => boolean }>(
    base,
    { cls: 'gb-ah-table', columns: ['Layer', 'Head', 'Measured pattern', 'Pattern score', 'Strongest key', 'Weight'], scroll: { cls: 'table-scroll' } },
    ({ d, isSel }) => ({
      caption: `Attention from “${tokenText(d, d.token - 1)}” (token ${d.token}) in every head`,
      rows: d.heads.map((c) => {
        const k = topKey(c.weights);
        const cells = [c.layer, c.head, c.label, patternScore(c), `${tokenText(d, k)} (token ${k + 1})`, percent(c.weights[k] ?? 0)];
        return { cells: cells.map((text) => ({ text })), cls: isSel(c) ? 'gb-ah-selected' : undefined };
      }),
    }),
  );

  function draw(d: AttentionHeadsView, nextOptions: AttentionHeadsOptions) {
    current = d;
    opts = nextOptions;
    const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.round(opts.width ?? 640)));
    const H = Math.max(1, d.headsPerLayer);
    const cellW = (width - ROW_LABEL_W - GAP * (H - 1)) / H;
    const wide = cellW >= WIDE_CELL;
    const cellH = PAD + BARS_H + 2 + 2 * LINE_H + PAD;
    const height = COL_LABEL_H + d.layers * cellH + Math.max(0, d.layers - 1) * GAP;
    const chars = Math.floor((cellW - 2 * PAD) / CHAR_W);
    const selected = opts.selected ?? null;
    const isSel = (c: HeadCellView) => !!selected && c.layer === selected.layer && c.head === selected.head;
    const tabbable = d.heads.find(isSel) ?? d.heads[0];
    const x = (c: HeadCellView) => ROW_LABEL_W + (c.head - 1) * (cellW + GAP);
    const y = (c: HeadCellView) => COL_LABEL_H + (c.layer - 1) * (cellH + GAP);

    summary.text(summarize(d));

    tokenList
      .selectAll<HTMLButtonElement, { id: number; text: string }>('button')
      .data(d.tokens)
      .join((enter) => enter.append('button').attr('type', 'button').attr('role', 'radio').attr('class', 'gb-ah-token'))
      .attr('data-token', (_, i) => i + 1)
      .attr('aria-checked', (_, i) => String(i + 1 === d.token))
      .attr('tabindex', (_, i) => (i + 1 === d.token ? 0 : -1))
      .attr('aria-label', (t, i) => `${showToken(t.text)} (token ${i + 1})`)
      .text((t) => showToken(t.text));

    svg
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('aria-label', `Every head's attention from “${tokenText(d, d.token - 1)}”; choose a head to show it in the attention diagram`);

    colsG
      .selectAll('text')
      .data(Array.from({ length: H }, (_, i) => i + 1))
      .join('text')
      .attr('x', (h) => ROW_LABEL_W + (h - 1) * (cellW + GAP) + cellW / 2)
      .attr('y', COL_LABEL_H - 5)
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .text((h) => `H${h}`);
    rowsG
      .selectAll('text')
      .data(Array.from({ length: d.layers }, (_, i) => i + 1))
      .join('text')
      .attr('x', 0)
      .attr('y', (l) => COL_LABEL_H + (l - 1) * (cellH + GAP) + cellH / 2)
      .attr('dy', '0.35em')
      .attr('fill', 'currentColor')
      .text((l) => `L${l}`);

    const cells = cellsG
      .selectAll<SVGGElement, HeadCellView>('g.gb-ah-cell')
      .data(d.heads, (c) => `${c.layer}-${c.head}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-ah-cell').attr('role', 'button');
        g.append('rect').attr('class', 'gb-ah-frame').attr('rx', 3);
        g.append('path').attr('class', 'gb-ah-bars');
        g.append('path').attr('class', 'gb-ah-key');
        return g;
      })
      .attr('transform', (c) => `translate(${x(c).toFixed(2)},${y(c)})`)
      .attr('data-layer', (c) => c.layer)
      .attr('data-head', (c) => c.head)
      .attr('data-label', (c) => c.label)
      .attr('tabindex', (c) => (c === tabbable ? 0 : -1))
      .attr('aria-pressed', (c) => String(isSel(c)))
      .attr('aria-label', (c) => describeHead(d, c))
      .classed('gb-ah-selected', isSel);

    cells.select('.gb-ah-frame').attr('width', cellW.toFixed(2)).attr('height', cellH);
    cells.select('.gb-ah-bars').attr('d', (c) => barsPath(c.weights, null, cellW - 2 * PAD, PAD, PAD));
    const key = opts.key && opts.key <= d.token ? opts.key - 1 : null;
    cells.select('.gb-ah-key').attr('d', (c) => (key === null ? '' : barsPath(c.weights, key, cellW - 2 * PAD, PAD, PAD)));
    const texts = textsG
      .selectAll<SVGGElement, HeadCellView>('g.gb-ah-text')
      .data(d.heads, (c) => `${c.layer}-${c.head}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-ah-text');
        g.append('text').attr('class', 'gb-ah-label');
        g.append('text').attr('class', 'gb-ah-top').attr('fill', 'currentColor');
        return g;
      })
      .attr('transform', (c) => `translate(${x(c).toFixed(2)},${y(c)})`);
    texts
      .select('.gb-ah-label')
      .attr('x', PAD)
      .attr('y', PAD + BARS_H + 2 + LINE_H - 3)
      .attr('class', (c) => `gb-ah-label ${PATTERN_CLASS[c.short] ?? 'gb-ah-p0'}`)
      .text((c) => clip(wide && c.patterned ? `${c.short} ${c.lift === undefined ? percent(c.score) : `×${c.lift.toFixed(1)}`}` : c.short, chars));
    texts
      .select('.gb-ah-top')
      .attr('x', PAD)
      .attr('y', PAD + BARS_H + 2 + 2 * LINE_H - 3)
      .text((c) => {
        const k = topKey(c.weights);
        const pct = percent(c.weights[k] ?? 0);
        return clip(wide ? `${tokenText(d, k)} ${pct}` : pct, chars);
      });

    table.update({ d, isSel });
  }

  function cellOf(target: EventTarget | null): HeadCellView | null {
    const g = (target as Element | null)?.closest?.<SVGGElement>('g.gb-ah-cell');
    return g ? (select<SVGGElement, HeadCellView>(g).datum() ?? null) : null;
  }

  function focusCell(layer: number, head: number) {
    const g = svg.select<SVGGElement>(`g.gb-ah-cell[data-layer="${layer}"][data-head="${head}"]`).node();
    if (!g) return;
    cellsG.selectAll('g.gb-ah-cell').attr('tabindex', -1);
    g.setAttribute('tabindex', '0');
    g.focus();
  }

  // Delegated d3 listeners (not an AbortSignal: at build time the document is jsdom's, the signal Node's).
  svg.on('click', (ev: MouseEvent) => {
    const c = cellOf(ev.target);
    if (c) opts.onSelect?.({ layer: c.layer, head: c.head });
  });
  svg.on('keydown', (ev: KeyboardEvent) => {
    const c = cellOf(ev.target);
    if (!c) return;
    const L = current.layers;
    const H = current.headsPerLayer;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [c.layer, Math.max(1, c.head - 1)],
      ArrowRight: [c.layer, Math.min(H, c.head + 1)],
      ArrowUp: [Math.max(1, c.layer - 1), c.head],
      ArrowDown: [Math.min(L, c.layer + 1), c.head],
      Home: [c.layer, 1],
      End: [c.layer, H],
    };
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      opts.onSelect?.({ layer: c.layer, head: c.head });
    } else if (moves[ev.key]) {
      ev.preventDefault();
      focusCell(...moves[ev.key]);
    }
  });

  const listNode = tokenList.node() as HTMLElement;
  const tokenOf = (t: EventTarget | null) => Number((t as Element | null)?.closest?.('[data-token]')?.getAttribute('data-token') ?? 0);
  tokenList.on('click', (ev: MouseEvent) => {
    const i = tokenOf(ev.target);
    if (i) opts.onToken?.(i);
  });
  tokenList.on('keydown', (ev: KeyboardEvent) => {
    const i = tokenOf(ev.target);
    const n = current.tokens.length;
    if (!i || !n) return;
    const next = { ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1, Home: 1, End: n }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    const to = Math.min(n, Math.max(1, next));
    listNode.querySelector<HTMLElement>(`[data-token="${to}"]`)?.focus();
    opts.onToken?.(to);
  });

  return redrawn(root, data, options, draw, () => {
    svg.on('click', null).on('keydown', null);
    tokenList.on('click', null).on('keydown', null);
  });
}

