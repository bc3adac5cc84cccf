/**
 * The merge replay: the word's pieces after `step` merges, as boxes in a row (a gap between
 * GPT-2 chunks), the pieces the last merge made highlighted, a line naming that merge, a check
 * that the last step equals the tokenizer's own tokens, and a table of every step.
 * Moving between steps animates with GSAP when one is passed in and motion is allowed: each
 * piece is keyed by its first byte's offset, so a merged piece slides from where its left part
 * was and the right part slides into it and fades. Otherwise the step simply jumps.
 * Draws only inside `root`; all text goes through `.text()`.
 */
import { PALETTE } from '../kit/palette';
import { columns, hex, tokenLabel } from '../kit/tokenizers/view';
import type { Piece, Replay } from '../kit/tokenizers/replay';
import { clearedRoot } from '../kit/dom';

export interface MergesView {
  replay: Replay;
  /** The tokenizer's own tokens for the word, when known: the replay must end with them. */
  tokens: { id: number; text: string; bytes: number[] }[] | null;
}

type Gsap = typeof import('gsap').gsap;

export interface MergesOptions {
  /** Merges applied, 0…steps; clamped. */
  step?: number;
  width?: number;
  reducedMotion?: boolean;
  gsap?: Gsap;
}

export interface MergesChart {
  update(data: MergesView, options?: MergesOptions): void;
  destroy(): void;
}

const CHAR_W = 8.4;
const PAD_X = 5;
const GAP = 4;
const CHUNK_GAP = 14;
const BOX_H = 26;
const ROW_H = 48;
const MIN_WIDTH = 280;
const DURATION = 0.45; // s

const decoder = new TextDecoder('utf-8', { fatal: false });
export const pieceLabel = (bytes: number[]) => tokenLabel({ text: decoder.decode(new Uint8Array(bytes)), bytes });
const under = (bytes: number[]) => (bytes.length <= 3 ? hex(bytes) : `${bytes.length} bytes`);

export function clampStep(step: number | undefined, r: Replay): number {
  return Math.max(0, Math.min(r.steps.length, Math.round(step ?? 0)));
}

export function summarize(r: Replay): string {
  const bytes = r.pieces[0].length;
  const end = r.pieces[r.pieces.length - 1].length;
  if (bytes === 0) return 'There is no word to replay.';
  return `“${pieceLabel(r.pieces[0].flatMap((p) => p.bytes))}” starts as ${bytes} byte${bytes === 1 ? '' : 's'}; the tokenizer’s merges make it ${end} token${end === 1 ? '' : 's'} in ${r.steps.length} step${r.steps.length === 1 ? '' : 's'}.`;
}

export function stepText(r: Replay, step: number): string {
  const n = r.steps.length;
  if (step === 0) return `Step 0 of ${n}: the word as UTF-8 bytes, before any merge.`;
  const s = r.steps[step - 1];
  const times = s.count > 1 ? ` (in ${s.count} places)` : '';
  return `Step ${step} of ${n}: merge #${s.rank + 1} joins “${pieceLabel(s.left)}” + “${pieceLabel(s.right)}” into “${pieceLabel([...s.left, ...s.right])}”${times}.`;
}

interface Placed extends Piece {
  x: number;
  y: number;
  w: number;
  label: string;
}

function layout(pieces: Piece[], width: number): { placed: Placed[]; height: number } {
  let x = 0;
  let y = 0;
  const placed = pieces.map((p, i) => {
    const label = pieceLabel(p.bytes);
    const w = Math.ceil(Math.max(columns(label), under(p.bytes).length * 0.86) * CHAR_W + 2 * PAD_X);
    if (i > 0 && p.chunk !== pieces[i - 1].chunk) x += CHUNK_GAP - GAP;
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW_H;
    }
    const out = { ...p, x, y, w, label };
    x += w + GAP;
    return out;
  });
  return { placed, height: placed.length ? y + ROW_H : BOX_H };
}

export function render(root: HTMLElement, data: MergesView, options: MergesOptions = {}): MergesChart {
  let opts = { ...options };
  let d = data;
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-bpe-summary');
  const stepLine = base.append('p').attr('class', 'gb-bpe-step').attr('aria-live', 'polite');
  const svg = base.append('svg').attr('class', 'gb-bpe-chart').attr('data-export', 'svg').attr('font-size', 14).attr('aria-hidden', 'true');
  const check = base.append('p').attr('class', 'gb-bpe-check');
  const details = base.append('details').attr('class', 'gb-tok-table');
  details.append('summary').text('Every merge as a table');
  const table = details.append('div').attr('class', 'table-scroll').attr('tabindex', 0).append('table');
  const caption = table.append('caption');
  const head = table.append('thead').append('tr');
  for (const h of ['Step', 'Merge #', 'Joins', 'Pieces after']) head.append('th').attr('scope', 'col').text(h);
  const tbody = table.append('tbody');
  let last: Map<number, { x: number; y: number; w: number }> = new Map();
  let lastStep = -1;

  function draw() {
    const r = d.replay;
    const step = clampStep(opts.step, r);
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const pieces = r.pieces[step];
    const { placed, height } = layout(pieces, width);
    const made = new Set(step > 0 ? placed.filter((p) => !r.pieces[step - 1].some((q) => q.at === p.at && q.bytes.length === p.bytes.length)).map((p) => p.at) : []);
    const g = opts.reducedMotion || !opts.gsap || lastStep < 0 ? null : opts.gsap;
    const where = new Map(placed.map((p) => [p.at, p]));

    summary.text(summarize(r));
    stepLine.text(stepText(r, step));
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const sel = svg
      .selectAll<SVGGElement, Placed>('g.gb-bpe-piece')
      .data(placed, (p) => String(p.at))
      .join(
        (enter) => {
          const e = enter.append('g').attr('class', 'gb-bpe-piece');
          e.append('rect').attr('class', 'gb-tok-box').attr('rx', 3).attr('height', BOX_H);
          e.append('text').attr('class', 'gb-bpe-label gb-tok-label').attr('x', PAD_X).attr('y', BOX_H / 2).attr('dy', '0.35em');
          e.append('text').attr('class', 'gb-bpe-bytes gb-tok-id').attr('x', PAD_X).attr('y', BOX_H + 14).attr('font-size', 11);
          return e;
        },
        (update) => update,
        (exit) => {
          // The right part of a merge slides into the piece it joined, then goes.
          exit.each(function (p) {
            const into = [...where.values()].filter((q) => q.at < p.at).pop();
            if (g && into) g.to(this, { attr: { transform: `translate(${into.x},${into.y})` }, opacity: 0, duration: DURATION, onComplete: () => this.remove() });
            else this.remove();
          });
        },
      )
      .attr('data-token', (_, i) => i + 1)
      .classed('is-new', (p) => made.has(p.at));
    sel.select('.gb-bpe-label').text((p) => p.label);
    sel.select('.gb-bpe-bytes').text((p) => under(p.bytes));
    sel.select('rect').attr('fill', (p) => PALETTE[(p.at + p.chunk) % PALETTE.length]);
    sel.each(function (p) {
      const to = `translate(${p.x},${p.y})`;
      const rect = this.querySelector('rect') as SVGRectElement;
      const from = last.get(p.at);
      if (g && from) {
        g.fromTo(this, { attr: { transform: `translate(${from.x},${from.y})` } }, { attr: { transform: to }, duration: DURATION });
        g.fromTo(rect, { attr: { width: from.w } }, { attr: { width: p.w }, duration: DURATION });
      } else {
        g?.killTweensOf([this, rect]);
        this.setAttribute('transform', to);
        rect.setAttribute('width', String(p.w));
      }
    });
    last = new Map(placed.map((p) => [p.at, { x: p.x, y: p.y, w: p.w }]));
    lastStep = step;

    const final = r.pieces[r.pieces.length - 1];
    const same = d.tokens !== null && d.tokens.length === final.length && d.tokens.every((t, i) => hex(t.bytes) === hex(final[i].bytes));
    check.text(
      d.tokens === null || pieces.length === 0
        ? ''
        : same
          ? `✓ After the last merge these are exactly the tokenizer’s own tokens: ids ${d.tokens.map((t) => t.id).join(', ')}.`
          : '✗ The replay does not end with the tokenizer’s own tokens for this word.',
    );

    caption.text(`The merges for “${pieceLabel(r.pieces[0].flatMap((p) => p.bytes))}”, in the order they apply`);
    const rows = tbody
      .selectAll<HTMLTableRowElement, number>('tr')
      .data(r.steps.map((_, i) => i))
      .join((enter) => {
        const tr = enter.append('tr');
        for (let k = 0; k < 4; k++) tr.append('td');
        return tr;
      })
      .classed('is-current', (i) => i + 1 === step);
    rows.select('td:nth-child(1)').text((i) => i + 1);
    rows.select('td:nth-child(2)').text((i) => r.steps[i].rank + 1);
    rows.select('td:nth-child(3)').attr('class', 'gb-tok-mono').text((i) => `${pieceLabel(r.steps[i].left)} + ${pieceLabel(r.steps[i].right)}`);
    rows.select('td:nth-child(4)').attr('class', 'gb-tok-mono').text((i) => r.pieces[i + 1].map((p) => pieceLabel(p.bytes)).join(' │ '));
  }

  draw();
  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      if (next.replay !== d.replay) lastStep = -1; // a new word jumps, it does not morph
      d = next;
      draw();
    },
    destroy() {
      opts.gsap?.killTweensOf(svg.selectAll('*').nodes());
      base.selectChildren().remove();
    },
  };
}
