/**
 * The in-context view's pure parts: the tile layout of the copies (monospace, so it needs no
 * measuring and runs in jsdom), the words of the summary and of one token, and the export's type.
 */
import { percent, showToken } from '../kit/tokens';
import { clip, nats } from '../kit/window/view';
import { emptyMessage, type InContextData, type InductionLink } from './data';
import type { FewShot } from './few-shot';

/** The export without `state`: the numbers shown and where they come from. */
export interface InContextBody extends InContextData {
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  few_shot: FewShot;
}

export const FONT = 13; // px
export const CHAR_W = FONT * 0.6; // px: monospace advance
export const LINE_H = 26; // px per line of tiles
export const LABEL_H = 18; // px: "copy 2" over each copy
export const GAP = 26; // px between copies, where the arcs run
const PAD_X = 3; // px of tile around its text

export interface Tile {
  /** 1-based index in the whole text. */
  index: number;
  /** 0-based copy. */
  copy: number;
  label: string;
  x: number;
  y: number;
  w: number;
  loss: number | null;
}

export interface Layout {
  tiles: Tile[];
  /** y of each copy's label baseline. */
  labels: { copy: number; y: number }[];
  height: number;
}

/** Each copy starts a new line under its label; long copies wrap. */
export function layoutTiles(d: Pick<InContextData, 'copies'>, width: number): Layout {
  const tiles: Tile[] = [];
  const labels: Layout['labels'] = [];
  const maxChars = Math.max(4, Math.floor((width - 2 * PAD_X) / CHAR_W));
  let y = 0;
  d.copies.forEach((c, ci) => {
    if (ci > 0) y += GAP;
    labels.push({ copy: ci, y: y + 13 });
    y += LABEL_H;
    let x = 0;
    c.tokens.forEach((t, i) => {
      const label = clip(t.text, maxChars);
      const w = Array.from(label).length * CHAR_W + 2 * PAD_X;
      if (x > 0 && x + w > width) {
        x = 0;
        y += LINE_H;
      }
      tiles.push({ index: c.start + i, copy: ci, label, x, y, w, loss: c.losses[i] });
      x += w + 2;
    });
    y += LINE_H;
  });
  return { tiles, labels, height: y };
}

/** The curve from a later copy's token up to the shifted token of the copy before. */
export function arcPath(from: Tile, to: Tile): string {
  const x1 = from.x + from.w / 2;
  const y1 = from.y;
  const x2 = to.x + to.w / 2;
  const y2 = to.y + LINE_H - 4;
  const bend = Math.max(12, (y1 - y2) / 2);
  return `M${x1},${y1} C${x1},${y1 - bend} ${x2},${y2 + bend} ${x2},${y2}`;
}

/** The token whose details show by default: the one of copy 2 whose loss fell most. */
export function defaultPosition(d: Pick<InContextData, 'copies'>): number | null {
  const [a, b] = d.copies;
  if (!a || !b) return d.copies[0]?.start ?? null;
  let best: number | null = null;
  let most = -Infinity;
  b.losses.forEach((l, i) => {
    const before = a.losses[i];
    if (l === null || before == null) return;
    if (before - l > most) {
      most = before - l;
      best = b.start + i;
    }
  });
  return best ?? b.start;
}

export const headName = (d: Pick<InContextData, 'head'>) => `layer ${d.head.layer}, head ${d.head.head}`;

export function summaryText(d: InContextData): string {
  const empty = emptyMessage(d);
  if (empty) return empty;
  const [a, b] = d.copies;
  const drop = d.drop ?? 0;
  const change = drop >= 0 ? `${drop.toFixed(2)} nats lower` : `${(-drop).toFixed(2)} nats higher`;
  const head =
    d.induction_mean === null
      ? ''
      : ` Its strongest induction head (${headName(d)}) gives on average ${percent(d.induction_mean)} of its attention to the token that came next last time.`;
  return `Mean loss on the first copy: ${nats(a.mean_loss)} per token; on the second: ${nats(b.mean_loss)}, ${change}: the model copies from its prompt.${head}`;
}

/** One sentence on the chosen token: its loss, the same place in the first copy, the head. */
export function tokenText(d: InContextData, index: number, link: InductionLink | undefined): string {
  const t = d.tokens[index - 1];
  if (!t) return '';
  const copy = d.copies.findIndex((c) => index >= c.start && index < c.start + c.tokens.length);
  const c = d.copies[copy];
  const i = index - c.start;
  const loss = c.losses[i];
  const first = d.copies[0].losses[i];
  let s = `Token ${index}, “${showToken(t.text)}” in copy ${copy + 1}: `;
  s += loss === null ? 'the first token, which the model had nothing to guess from.' : `loss ${nats(loss)}`;
  if (copy > 0 && loss !== null) s += first == null ? '.' : ` (${nats(first)} at the same place in copy 1).`;
  else if (loss !== null) s += '.';
  if (link) {
    const to = d.tokens[link.shifted - 1];
    s += ` Head ${d.head.layer}.${d.head.head} gives ${percent(link.weight)} of its attention to token ${link.shifted}, “${showToken(to.text)}”, which followed “${showToken(t.text)}” last time`;
    s += link.top === link.shifted ? ', its strongest key.' : `; its strongest key is token ${link.top} (${percent(link.top_weight)}).`;
  }
  return s;
}
