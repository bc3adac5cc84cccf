/**
 * The words of the masks diagram: each panel's line on its model, each grid's one-line summary
 * and its table (the text alternative), all from the numbers drawn.
 */
import { percent, showToken } from '../kit/tokens';
import type { TableContent } from '../kit/table';
import { masked } from './grid';
import { SIZES, type Grid, type Panel } from './data';

const quoted = (text: string) => `“${showToken(text)}”`;

/** The share of all the weight that falls above the diagonal (on later tokens), 0..1. */
export function laterShare(w: number[][]): number {
  let sum = 0;
  for (let i = 0; i < w.length; i++) for (let j = i + 1; j < w[i].length; j++) sum += w[i][j];
  return w.length ? sum / w.length : 0;
}

export function panelLine(p: Panel): string {
  if (!p.model) return 'glassbox-encoder is not available yet, so only its mask is drawn.';
  const where = p.origin === 'model' ? 'live in your browser' : `precomputed example for “${p.text}”`;
  return `${p.model.id} (version ${p.model.version}), ${where}; layer ${p.layer}, head ${p.head}.`;
}

export function clampLine(p: Panel, layer: number, head: number): string {
  if (!p.clamped) return '';
  const { layers, heads } = SIZES[p.kind];
  const size = `has ${layers} layers${p.kind === 'encdec' ? ' in each half' : ''} of ${heads} heads`;
  return `This model ${size}: you picked layer ${layer}, head ${head}, so layer ${p.layer}, head ${p.head} is drawn.`;
}

/** What the encoder-decoder says about any sentence: it was trained on dates only. */
export function datesLine(p: Panel): string {
  const out = p.grids[0].rows.slice(1).map((t) => t.text).join('');
  const said = p.model ? ` Its output here: “${out}”.` : '';
  return (
    'glassbox-seq2seq was trained only to rewrite dates as ISO 8601 (2026-12-07), so for an ordinary sentence its output is date-shaped too; ' +
    'try a date, such as “the 7th of December, 2026”, to see it work.' +
    said
  );
}

export function gridSummary(g: Grid, p: Panel, q: number): string {
  const R = g.rows.length;
  const C = g.cols.length;
  if (R === 0 || C === 0) return `${capital(g.caption)}: there is no text, so there is nothing to attend to.`;
  const mask = g.causal
    ? `Causal: the ${(C * (C - 1)) / 2} cells above the diagonal are masked, exactly 0.`
    : `Fully visible: each of the ${R} rows sees all ${C} columns.`;
  if (!g.weights) return `${capital(g.caption)}. ${mask}`;
  const row = g.weights[q];
  let k = 0;
  for (let j = 1; j < row.length; j++) if (!masked(g, q, j) && row[j] > row[k]) k = j;
  const most = `${quoted(g.rows[q].text)} (row ${q + 1}) attends most to ${quoted(g.cols[k].text)} (column ${k + 1}) at ${percent(row[k])}`;
  const later = g.id === 'encoder' ? ` Above the diagonal, on later tokens: ${percent(laterShare(g.weights))} of all the weight.` : '';
  return `${capital(g.caption)}. ${mask} Layer ${p.layer}, head ${p.head}: ${most}.${later}`;
}

export function gridTable(g: Grid, p: Panel): TableContent {
  return {
    caption: `${capital(g.caption)}, layer ${p.layer}, head ${p.head}: rows are queries, columns are keys; each row adds up to 100%.`,
    columns: [{ text: 'Query ↓ key →' }, ...g.cols.map((t, j) => ({ text: `${j + 1} ${showToken(t.text)}`, cls: 'gb-mk-mono' }))],
    rows: g.rows.map((t, i) => ({
      cells: [
        { text: `${i + 1} ${showToken(t.text)}`, head: true, cls: 'gb-mk-mono' },
        ...g.cols.map((_, j) => ({ text: masked(g, i, j) ? 'masked' : g.weights ? percent(g.weights[i][j]) : 'visible' })),
      ],
    })),
  };
}

export function readout(g: Grid, q: number, k: number): string {
  const who = `${capital(g.caption.split(':')[0])}: query ${q + 1} ${quoted(g.rows[q].text)} → key ${k + 1} ${quoted(g.cols[k].text)}`;
  if (masked(g, q, k)) return `${who}: masked (a later token), weight exactly 0.`;
  if (!g.weights) return `${who}: visible under this mask; no model to give its weight.`;
  const w = g.weights[q][k];
  return `${who}: ${w.toFixed(6)} (${percent(w)}).`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
