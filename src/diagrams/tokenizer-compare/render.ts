/**
 * The comparison: one text, four tokenizers, one row each, every token a box over exactly the
 * characters it covers, so the rows line up. Where a token starts in some rows but not all, an
 * orange tick crosses the rows: those are the disagreements. A table of counts (tokens,
 * characters per token) and each tokenizer's tokens is the text alternative.
 * At most MAX_CHARS characters are drawn (a visible note says so); the counts cover all.
 * Draws only inside `root`; all text goes through `.text()`.
 */
import { PALETTE } from '../kit/palette';
import { TOKENIZER_INFO, type PieceToken, type TokenizerName } from '../kit/tokenizers/tokenizers';
import { tokenLabel, type Counts } from '../kit/tokenizers/view';
import { showToken } from '../kit/tokens';
import { disagreements, grid, segments, spans, type Span } from './align';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg } from '../kit/dom';
import { dataTable } from '../kit/table';

export interface CompareRow {
  tokenizer: TokenizerName;
  tokens: PieceToken[];
  counts: Counts;
}

export interface CompareView {
  text: string;
  rows: CompareRow[];
}

export type CompareOptions = ChartOptions;

export type CompareChart = Chart<CompareView, CompareOptions>;

export const MAX_CHARS = 600;
const CHAR_W = 8.4; // px per monospace column at 14 px
const LABEL_W = 112; // the tokenizer names and token counts on the left
const ROW_H = 26;
const BOX_H = 22;
const BLOCK_GAP = 14;
const MIN_WIDTH = 320;
const SPLIT = '#D55E00'; // Okabe–Ito vermillion: the disagreement ticks

const fmt = (n: number) => n.toLocaleString('en-US');

/** The text cut to MAX_CHARS code points, and each row's tokens that start inside it. */
function visible(d: CompareView): { text: string; spans: Span[][]; cut: boolean } {
  const chars = Array.from(d.text);
  const cut = chars.length > MAX_CHARS;
  const text = cut ? chars.slice(0, MAX_CHARS).join('') : d.text;
  return { text, cut, spans: d.rows.map((r) => spans(d.text, r.tokens).filter((s) => s.start < MAX_CHARS)) };
}

export function summarize(d: CompareView): string {
  if (d.rows.length === 0) return 'No tokenizer has answered yet.';
  const chars = d.rows[0].counts.characters;
  if (chars === 0) return 'There is no text, so every tokenizer gives 0 tokens.';
  const counts = d.rows.map((r) => `${TOKENIZER_INFO[r.tokenizer].label} ${fmt(r.counts.tokens)}`).join(', ');
  const all = d.rows.map((r) => spans(d.text, r.tokens));
  const starts = new Set(all.flatMap((row) => row.map((s) => s.start)).filter((p) => p > 0));
  const split = disagreements(all).length;
  return `The same ${fmt(chars)} characters become ${counts} tokens. The tokenizers disagree at ${fmt(split)} of the ${fmt(starts.size)} places where some token starts.`;
}

export function render(root: HTMLElement, data: CompareView, options: CompareOptions = {}): CompareChart {
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-cmp-summary');
  const note = base.append('p').attr('class', 'gb-cmp-note');
  const svg = exportSvg(base, 'gb-cmp-chart').attr('font-size', 14).attr('aria-hidden', 'true');
  const table = dataTable<CompareRow[]>(
    base,
    {
      cls: 'gb-cmp-table',
      summary: 'The counts and tokens as a table',
      columns: ['Tokenizer', 'Used by', 'Tokens', 'Characters per token', 'Tokens (│ between)'],
      scroll: { cls: 'table-scroll', focusable: true },
    },
    (rows) => ({
      caption: 'Each tokenizer on the same text',
      rows: rows.map((r) => ({
        cells: [
          { text: TOKENIZER_INFO[r.tokenizer].label, head: true },
          { text: TOKENIZER_INFO[r.tokenizer].usedBy },
          { text: fmt(r.counts.tokens) },
          { text: r.counts.charsPerToken === null ? '–' : String(r.counts.charsPerToken) },
          { text: r.tokens.slice(0, 200).map((t) => showToken(t.text)).join('│') + (r.tokens.length > 200 ? '│…' : ''), cls: 'gb-tok-mono' },
        ],
      })),
    }),
  );

  function draw(d: CompareView, opts: CompareOptions) {
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 720));
    const cols = Math.max(8, Math.floor((width - LABEL_W) / CHAR_W));
    const v = visible(d);
    const g = grid(v.text, cols);
    const split = new Set(disagreements(v.spans));
    const blockH = d.rows.length * ROW_H + BLOCK_GAP;
    const height = Math.max(ROW_H, g.lines * blockH);
    summary.text(summarize(d));
    note.text(v.cut ? `Drawing the first ${fmt(MAX_CHARS)} characters; the counts and the table cover the whole text.` : '');
    note.attr('hidden', v.cut ? null : '');
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const blocks = svg
      .selectAll<SVGGElement, number>('g.gb-cmp-block')
      .data(Array.from({ length: g.lines }, (_, i) => i))
      .join('g')
      .attr('class', 'gb-cmp-block')
      .attr('transform', (l) => `translate(0,${l * blockH})`);
    blocks
      .selectAll<SVGTextElement, CompareRow>('text.gb-cmp-name')
      .data(d.rows)
      .join('text')
      .attr('class', 'gb-cmp-name')
      .attr('x', 0)
      .attr('y', (_, r) => r * ROW_H + BOX_H / 2)
      .attr('dy', '0.35em')
      .text((row) => `${TOKENIZER_INFO[row.tokenizer].label} ${fmt(row.counts.tokens)}`);

    type Box = { row: number; i: number; seg: { line: number; x0: number; x1: number }; label: string; title: string };
    const boxes: Box[] = [];
    d.rows.forEach((row, r) => {
      v.spans[r].forEach((s, i) => {
        const t = row.tokens[i];
        const label = tokenLabel(t);
        const title = `${TOKENIZER_INFO[row.tokenizer].label} token ${i + 1}: “${label}”, id ${t.id}`;
        for (const seg of segments(s, g)) boxes.push({ row: r, i, seg, label, title });
      });
    });
    const x = (c: number) => LABEL_W + c * CHAR_W;
    const sel = svg
      .selectAll<SVGGElement, Box>('g.gb-cmp-token')
      .data(boxes)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'gb-cmp-token');
        e.append('title');
        e.append('rect').attr('class', 'gb-cmp-box').attr('rx', 2).attr('height', BOX_H);
        e.append('text').attr('class', 'gb-cmp-label').attr('dy', '0.35em').attr('y', BOX_H / 2);
        return e;
      })
      .attr('data-tokenizer', (b) => d.rows[b.row].tokenizer)
      .attr('data-token', (b) => b.i + 1)
      .attr('transform', (b) => `translate(${x(b.seg.x0).toFixed(2)},${b.seg.line * blockH + b.row * ROW_H})`);
    sel.select('title').text((b) => b.title);
    sel
      .select('rect')
      .attr('width', (b) => Math.max(1, (b.seg.x1 - b.seg.x0) * CHAR_W - 1).toFixed(2))
      .attr('fill', (b) => PALETTE[b.i % PALETTE.length]);
    // A label only where it fits whole in its box: the boxes, not the labels, carry the alignment.
    sel.select('text').attr('x', 1).text((b) => (Array.from(b.label).length <= Math.floor(b.seg.x1 - b.seg.x0) ? b.label : ''));

    const ticks = [...split].flatMap((p) => {
      const i = Math.floor(p);
      if (i >= g.line.length) return [];
      return [{ line: g.line[i], c: g.col[i] + (p - i) * g.cols[i] }];
    });
    svg
      .selectAll<SVGLineElement, { line: number; c: number }>('line.gb-cmp-split')
      .data(ticks)
      .join('line')
      .attr('class', 'gb-cmp-split')
      .attr('stroke', SPLIT)
      .attr('stroke-width', 2)
      .attr('x1', (t) => x(t.c) - 0.5)
      .attr('x2', (t) => x(t.c) - 0.5)
      .attr('y1', (t) => t.line * blockH - 2)
      .attr('y2', (t) => t.line * blockH + d.rows.length * ROW_H - 2);
    svg.selectAll('line.gb-cmp-split').raise();

    table.update(d.rows);
  }

  return redrawn(root, data, options, draw);
}
