/**
 * The seq2seq view's parts around the heatmap: the one-line summary, the decoder's output so far
 * with its top guesses at the current step (HTML, so long tokens wrap at 360 px), and the data
 * table. Text is set with textContent (d3 .text()), never as markup.
 */
import type { Selection } from 'd3';
import { dataTable, type DataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import type { MatrixView } from './data';

type Host = Selection<HTMLElement, unknown, null, undefined>;

const WHAT: Record<MatrixView['view'], string> = {
  cross: 'Cross-attention (decoder → source)',
  encoder: 'Encoder self-attention (source → source)',
  decoder: 'Decoder self-attention (output → output, causal)',
};

export const headName = (m: Pick<MatrixView, 'head' | 'heads'>) => (m.head === 0 ? `mean of the ${m.heads} heads` : `head ${m.head}`);

/** The index of a row's largest weight (its first, on ties). */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** One line: what is shown, and where the current row looks most. */
export function summarize(m: MatrixView, row: number): string {
  const head = `${WHAT[m.view]}, layer ${m.layer}, ${headName(m)}.`;
  const w = m.weights[row];
  if (!w || row < 0 || row >= m.shown) return head;
  const k = argmax(w);
  const who = m.view === 'encoder' ? `Source token “${showToken(m.rows[row])}”` : `Writing “${showToken(m.rows[row])}” (step ${row + 1})`;
  return `${head} ${who} looks most at “${showToken(m.cols[k])}”: ${percent(w[k])}.`;
}

export interface OutputPanel {
  update(m: MatrixView): void;
}

/** The output so far and the decoder's top guesses for the token it writes next. */
export function outputPanel(base: Host): OutputPanel {
  const box = base.append('div').attr('class', 'gb-s2s-out');
  const so = box.append('p').attr('class', 'gb-s2s-written');
  so.append('span').attr('class', 'gb-s2s-label').text('Output so far: ');
  const written = so.append('span').attr('class', 'gb-s2s-tokens');
  const next = box.append('div').attr('class', 'gb-s2s-next');
  const nextLabel = next.append('p').attr('class', 'gb-s2s-label');
  const list = next.append('ol').attr('class', 'gb-s2s-guesses');
  return {
    update(m) {
      written
        .selectAll('span')
        .data(m.written.length ? m.written : ['(nothing yet)'])
        .join('span')
        .attr('class', m.written.length ? 'gb-s2s-tok' : 'gb-s2s-none')
        .attr('data-output', (_, i) => (m.written.length ? i + 1 : null))
        .text((t) => (m.written.length ? showToken(t) : t));
      const done = m.step >= m.last;
      nextLabel.text(done ? `Step ${m.step + 1}: the decoder’s top guesses (it stops when end of text wins):` : `Step ${m.step + 1}: the decoder’s top guesses for the next token:`);
      list
        .selectAll('li')
        .data(m.guesses)
        .join('li')
        .classed('is-chosen', (_, i) => i === 0)
        .text((g) => `${g.text === '<|endoftext|>' ? '⟨end⟩' : showToken(g.text)} ${percent(g.p)}`);
    },
  };
}

/** The text alternative: every weight of the rows shown, as percentages. */
export function weightsTable(base: Host): DataTable<MatrixView> {
  return dataTable<MatrixView>(
    base,
    { cls: 'gb-s2s-table', scroll: { cls: 'gb-s2s-scroll', label: 'Attention weights table', focusable: true }, lazy: true },
    (m) => ({
      caption: `${WHAT[m.view]}, layer ${m.layer}, ${headName(m)}: each row’s weights (rows sum to 100%).`,
      columns: [{ text: m.view === 'encoder' ? 'source token' : 'writing' }, ...m.cols.map((c, i) => ({ text: `${i + 1} ${showToken(c)}` }))],
      rows: m.weights.slice(0, m.shown).map((w, r) => ({
        cls: r === m.current ? 'is-current' : undefined,
        cells: [{ text: showToken(m.rows[r]), head: true }, ...w.map((x, k) => ({ text: m.causal && k > r ? 'masked' : percent(x) }))],
      })),
    }),
  );
}
