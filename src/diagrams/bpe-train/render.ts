/**
 * BPE training, one merge at a time: before merge k, the most frequent adjacent pairs as bars
 * (the winner highlighted), the token it becomes, the vocabulary learned so far, and the text's
 * words as pieces after merge k. Data tables repeat the bars and the words as text.
 * The training itself is src/math/bpe.ts (`bpeTrain`); this only draws its result.
 * Draws only inside `root`; all text goes through `.text()`.
 */
import { scaleLinear } from 'd3';
import type { PairCount, TrainResult } from '../../math/bpe';
import { symbolBytes } from '../../math/bpe';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import { tokenLabel } from '../kit/tokenizers/view';

export interface TrainView {
  text: string;
  result: TrainResult;
}

export interface TrainOptions extends ChartOptions {
  /** Merges learned so far, 0…steps; clamped. */
  step?: number;
}

export type TrainChart = Chart<TrainView, TrainOptions>;

const BAR_H = 22;
const ROW_H = 28;
const LABEL_W = 150;
const MIN_WIDTH = 300;
const WORDS = 24; // words listed after a merge; the rest are summarized
const WIN = '#0072B2';
const OTHER = '#9AA3AD';

const decoder = new TextDecoder('utf-8', { fatal: false });
/** A byte-level symbol ("Ġthe") as the reader sees it ("␣the"). */
export function symbolLabel(symbol: string): string {
  const bytes = symbolBytes(symbol) ?? [];
  return tokenLabel({ text: decoder.decode(new Uint8Array(bytes)), bytes });
}
const pairLabel = (p: PairCount) => `${symbolLabel(p.pair[0])} + ${symbolLabel(p.pair[1])}`;

export function clampStep(step: number | undefined, r: TrainResult): number {
  return Math.max(0, Math.min(r.steps.length, Math.round(step ?? 0)));
}

export function stepText(r: TrainResult, step: number): string {
  if (r.start.length === 0) return 'There is no text to learn from.';
  if (step === 0) {
    const bytes = r.start.reduce((a, w) => a + w.symbols.length * w.count, 0);
    return `Before any merge: the text is ${bytes} bytes in ${r.start.length} distinct words, and the vocabulary is the 256 byte values.`;
  }
  const s = r.steps[step - 1];
  return `Merge ${step}: the most frequent pair, “${symbolLabel(s.pair[0])}” + “${symbolLabel(s.pair[1])}” (${s.count} times), becomes the new token “${symbolLabel(s.token)}”, id ${255 + step} (ids 0–255 are the bytes).`;
}

export function render(root: HTMLElement, data: TrainView, options: TrainOptions = {}): TrainChart {
  const base = clearedRoot(root);
  const line = liveLine(base, 'gb-train-step');
  const svg = exportSvg(base, 'gb-train-chart').attr('font-size', 14).attr('aria-hidden', 'true');
  const vocab = base.append('p').attr('class', 'gb-train-vocab');
  const words = base.append('p').attr('class', 'gb-train-words gb-tok-mono');
  const table = dataTable<{ top: PairCount[]; step: number }>(
    base,
    { cls: 'gb-tok-table', summary: 'The pair counts as a table', columns: ['Pair', 'Count', 'Merged?'], scroll: { cls: 'table-scroll', focusable: true } },
    ({ top, step }) => ({
      caption: step > 0 ? `The most frequent pairs before merge ${step}` : 'Pair counts appear from merge 1',
      rows: top.map((p, i) => ({ cells: [{ text: pairLabel(p), cls: 'gb-tok-mono' }, { text: p.count }, { text: i === 0 ? 'yes, the most frequent' : 'no' }] })),
    }),
  );

  function draw(d: TrainView, opts: TrainOptions) {
    const r = d.result;
    const step = clampStep(opts.step, r);
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const shown = step > 0 ? r.steps[step - 1] : null;
    const top = shown?.top ?? [];
    line.text(stepText(r, step));
    const x = scaleLinear()
      .domain([0, Math.max(1, ...top.map((p) => p.count))])
      .range([0, width - LABEL_W - 48]);
    const height = Math.max(ROW_H, top.length * ROW_H);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const rows = svg
      .selectAll<SVGGElement, PairCount>('g.gb-train-row')
      .data(top)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-train-row');
        g.append('text').attr('class', 'gb-tok-label').attr('x', LABEL_W - 8).attr('y', BAR_H / 2).attr('dy', '0.35em').attr('text-anchor', 'end');
        g.append('rect').attr('x', LABEL_W).attr('height', BAR_H);
        g.append('text').attr('class', 'gb-train-count').attr('y', BAR_H / 2).attr('dy', '0.35em').attr('fill', 'currentColor');
        return g;
      })
      .attr('transform', (_, i) => `translate(0,${i * ROW_H})`)
      .attr('data-token', (_, i) => i + 1);
    rows.select('.gb-tok-label').text(pairLabel);
    rows
      .select('rect')
      .attr('width', (p) => Math.max(1, x(p.count)))
      .attr('fill', (_, i) => (i === 0 ? WIN : OTHER));
    rows
      .select('.gb-train-count')
      .attr('x', (p) => LABEL_W + Math.max(1, x(p.count)) + 6)
      .text((p) => p.count);

    const learned = r.steps.slice(0, step).map((s) => symbolLabel(s.token));
    vocab.text(step === 0 ? 'No merges learned yet.' : `Learned so far (${step}): ${learned.join('  ')}`);
    const after = step === 0 ? r.start : r.steps[step - 1].words;
    const listed = after.slice(0, WORDS).map((w) => w.symbols.map(symbolLabel).join('│') + (w.count > 1 ? ` ×${w.count}` : ''));
    words.text(after.length ? `The words now: ${listed.join('   ')}${after.length > WORDS ? `   … and ${after.length - WORDS} more` : ''}` : '');
    table.update({ top, step });
  }

  return redrawn(root, data, options, draw);
}
