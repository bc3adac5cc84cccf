/**
 * The tokenizer diagram: the text as coloured token boxes in reading order, each with its id
 * underneath, whitespace made visible; the counts; a detail line for the token under the
 * pointer or keyboard focus (its bytes and merge rank); and a data table as the text alternative.
 * Tokens are laid out in monospace columns (CJK and emoji two wide) and wrap at the width; a
 * token that ends in a newline ends its row, so code keeps its lines.
 *
 * Performance: layout runs only when the data or the width changes; a hover sets classes and
 * one line of text. At most MAX_DRAWN tokens are drawn (a visible note says so); the counts and
 * the export cover every token. Draws only inside `root`; all text goes through `.text()`.
 */
import type { Selection } from 'd3';
import type { Chart, ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, listbox, liveLine } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';
import { dataTable } from '../kit/table';
import { TOKENIZER_INFO, type PieceToken, type TokenizerName } from '../kit/tokenizers/tokenizers';
import { columns, describeToken, hex, rankText, RTL, summarize, tokenLabel, type Counts } from '../kit/tokenizers/view';
import { PALETTE } from '../kit/palette';

export interface TokenizerViewData {
  tokenizer: TokenizerName;
  text: string;
  tokens: PieceToken[];
  counts: Counts;
}

export interface TokenizerOptions extends ChartOptions {
  /** 0-based selected token; -1 or undefined for none. */
  selected?: number;
  onSelect?: (index: number) => void;
}

export type TokenizerChart = Chart<TokenizerViewData, TokenizerOptions>;

/** Tokens drawn at most; beyond this the SVG would cost more than a frame to lay out. */
export const MAX_DRAWN = 2000;
const CHAR_W = 8.4; // px per monospace column at 14 px (0.6 em)
const PAD_X = 4;
const GAP = 3;
const BOX_H = 24;
const ROW_H = 46; // box + id label + gap
const MIN_WIDTH = 280;
const LABEL_COLS = 24; // longer labels are elided; the table and detail line have them whole

interface Placed {
  i: number;
  x: number;
  y: number;
  w: number;
  label: string;
}

function clipLabel(label: string): string {
  const chars = Array.from(label);
  return columns(label) > LABEL_COLS ? chars.slice(0, LABEL_COLS - 1).join('') + '…' : label;
}

/** Row-wrapped positions for the first MAX_DRAWN tokens. */
export function layout(tokens: readonly PieceToken[], width: number): { placed: Placed[]; height: number } {
  const placed: Placed[] = [];
  let x = 0;
  let y = 0;
  const n = Math.min(tokens.length, MAX_DRAWN);
  for (let i = 0; i < n; i++) {
    const label = clipLabel(tokenLabel(tokens[i]));
    const idW = String(tokens[i].id).length * 7.2; // the 12 px id underneath
    const w = Math.ceil(Math.max(columns(label) * CHAR_W, idW) + 2 * PAD_X);
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW_H;
    }
    placed.push({ i, x, y, w, label });
    x += w + GAP;
    if (tokens[i].text.endsWith('\n')) {
      x = 0;
      y += ROW_H;
    }
  }
  return { placed, height: placed.length ? y + ROW_H : BOX_H };
}

export function render(root: HTMLElement, data: TokenizerViewData, options: TokenizerOptions = {}): TokenizerChart {
  let opts = { ...options };
  let d = data;
  let width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
  const base = clearedRoot(root);

  const summary = base.append('p').attr('class', 'gb-tok-summary');
  const counts = base.append('dl').attr('class', 'gb-tok-counts');
  const notes = base.append('ul').attr('class', 'gb-tok-viewnotes');
  const svg = exportSvg(base, 'gb-tok-chart').attr('font-size', 14);
  const group = listbox(svg, 'gb-tok-tokens', 'horizontal', 'Tokens: move between them with the arrow keys to see each one’s bytes and rank');
  const [ids] = hiddenGroups(svg, 'gb-tok-ids');
  const detail = liveLine(base, 'gb-tok-detail');
  const table = dataTable<{ d: TokenizerViewData; placed: Placed[] }>(
    base,
    { cls: 'gb-tok-table', summary: 'The tokens as a table', columns: ['#', 'Token', 'Id', 'Bytes (hex)', 'Rank or merge'], scroll: { cls: 'table-scroll', focusable: true } },
    ({ d, placed }) => ({
      caption:
        `${TOKENIZER_INFO[d.tokenizer].label}: ${d.tokens.length.toLocaleString('en-US')} tokens` +
        (d.tokens.length > MAX_DRAWN ? ` (the first ${MAX_DRAWN.toLocaleString('en-US')} listed)` : ''),
      rows: placed.map(({ i }) => ({
        cells: [
          { text: i + 1 },
          { text: tokenLabel(d.tokens[i]), cls: 'gb-tok-mono' },
          { text: d.tokens[i].id },
          { text: hex(d.tokens[i].bytes), cls: 'gb-tok-mono' },
          { text: rankText(d.tokenizer, d.tokens[i]) },
        ],
      })),
    }),
  );
  let sel: Selection<SVGGElement, Placed, SVGGElement, unknown> = group.selectAll<SVGGElement, Placed>('g.gb-tok-token');

  const current = () => (opts.selected ?? -1);
  const unwire = wireQueries(
    group,
    () => Math.min(d.tokens.length, MAX_DRAWN),
    current,
    (i) => opts.onSelect?.(i),
  );

  function drawAll() {
    const { placed, height } = layout(d.tokens, width);
    const c = d.counts;
    summary.text(summarize(d.tokenizer, c));
    counts
      .selectAll('div')
      .data([
        ['Characters', c.characters.toLocaleString('en-US')],
        ['Bytes', c.bytes.toLocaleString('en-US')],
        ['Tokens', c.tokens.toLocaleString('en-US')],
        ['Characters per token', c.charsPerToken === null ? '–' : String(c.charsPerToken)],
      ])
      .join((enter) => {
        const div = enter.append('div');
        div.append('dt');
        div.append('dd');
        return div;
      })
      .call((div) => {
        div.select('dt').text((p) => p[0]);
        div.select('dd').text((p) => p[1]);
      });
    const viewNotes: string[] = [];
    if (d.tokens.length > MAX_DRAWN) {
      viewNotes.push(
        `Showing the first ${MAX_DRAWN.toLocaleString('en-US')} of ${d.tokens.length.toLocaleString('en-US')} tokens; the counts and “Download data” cover all of them.`,
      );
    }
    if (RTL.test(d.text)) viewNotes.push('Right-to-left text: tokens are drawn left to right in the order the tokenizer reads them.');
    notes.selectAll('li').data(viewNotes).join('li').text((n) => n);
    notes.attr('hidden', viewNotes.length ? null : '');

    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    sel = group
      .selectAll<SVGGElement, Placed>('g.gb-tok-token')
      .data(placed)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-tok-token').attr('role', 'option');
        g.append('rect').attr('class', 'gb-tok-box').attr('rx', 3).attr('height', BOX_H);
        g.append('text').attr('class', 'gb-tok-label').attr('x', PAD_X).attr('y', BOX_H / 2).attr('dy', '0.35em');
        return g;
      })
      .attr('transform', (p) => `translate(${p.x},${p.y})`)
      .attr('data-token', (p) => p.i + 1)
      .attr('data-token-id', (p) => d.tokens[p.i].id)
      // The name starts with the label as drawn, so speech matches what sighted readers see.
      .attr('aria-label', (p) => `${p.label}: ${describeToken(d.tokenizer, d.tokens[p.i], p.i, d.tokens.length)}`);
    sel
      .select('rect')
      .attr('width', (p) => p.w)
      .attr('fill', (p) => PALETTE[p.i % PALETTE.length]);
    sel.select('.gb-tok-label').text((p) => p.label);
    // Ids sit outside the options, so an option's visible text is its label alone, which its
    // accessible name starts with (axe: label-content-name-mismatch); the name has the id.
    ids
      .selectAll<SVGTextElement, Placed>('text')
      .data(placed)
      .join('text')
      .attr('class', 'gb-tok-id')
      .attr('font-size', 12)
      .attr('x', (p) => p.x + PAD_X)
      .attr('y', (p) => p.y + BOX_H + 13)
      .text((p) => d.tokens[p.i].id);

    table.update({ d, placed });
  }

  /** The fast path: which token is selected. */
  function drawSelection() {
    const n = Math.min(d.tokens.length, MAX_DRAWN);
    const s = current() < n ? current() : -1;
    sel
      .classed('is-selected', (p) => p.i === s)
      .attr('aria-selected', (p) => String(p.i === s))
      .attr('tabindex', (p) => (p.i === Math.max(0, s) ? 0 : -1));
    detail.text(
      s >= 0
        ? describeToken(d.tokenizer, d.tokens[s], s, d.tokens.length)
        : n
          ? 'Hover, tap or arrow to a token to see its bytes and rank.'
          : '',
    );
    if (s >= 0) followFocus(group.node() as SVGGElement, s);
  }

  drawAll();
  drawSelection();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const w = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
      if (next !== d || w !== width) {
        d = next;
        width = w;
        drawAll();
      }
      drawSelection();
    },
    destroy() {
      unwire();
      base.selectChildren().remove();
    },
  };
}
