/**
 * What the attention views (`attention`, `attention-matrix`) draw, and the parts they share:
 * the one-line summary and the data table (keyboard and pointer wiring: ../keys.ts).
 * No model imports: the views receive plain typed data.
 */
import type { Selection } from 'd3';
import { topEntries } from '../../../math/attention';
import { dataTable } from '../table';
import { percent, showToken } from '../tokens';

export interface AttentionView {
  /** The text these weights are for. */
  text: string;
  tokens: { id: number; text: string }[];
  /** Row-major [T][T]: weights[q·T + k] is query q's attention to key k; rows sum to 1, k > q is 0. */
  weights: ArrayLike<number>;
  /** 0-based; shown 1-based. */
  layer: number;
  head: number;
}

export interface AttentionOptions {
  /** 0-based query token; clamped to the text. */
  query?: number;
  /** Width in CSS px; the chart lays out again to fit rather than scaling its text. */
  width?: number;
  /** True: no transitions (prefers-reduced-motion, tests, build-time rendering). */
  reducedMotion?: boolean;
  /** The reader hovered, tapped or arrowed to a query token (0-based). */
  onSelect?: (query: number) => void;
}

export interface AttentionChart {
  update(data: AttentionView, options?: AttentionOptions): void;
  destroy(): void;
}

/** How many of the strongest keys get a percentage label. */
export const TOP_LABELS = 3;

export function clampQuery(q: number | undefined, T: number): number {
  if (T === 0) return 0;
  return Math.min(T - 1, Math.max(0, Math.round(q ?? T - 1)));
}

/** One row of the matrix: query q's weights over keys 0..q (the visible ones). */
export function row(d: AttentionView, q: number): ArrayLike<number> {
  const T = d.tokens.length;
  const start = q * T;
  return Array.prototype.slice.call(d.weights, start, start + q + 1) as number[];
}

/** A token label cut to `max` characters, whitespace made visible; the table keeps the full text. */
export function clip(text: string, max: number): string {
  const chars = Array.from(showToken(text));
  return chars.length > max ? chars.slice(0, Math.max(1, max - 1)).join('') + '…' : chars.join('');
}

const quoted = (d: AttentionView, i: number) => `“${showToken(d.tokens[i].text)}” (token ${i + 1})`;

export function summarize(d: AttentionView, q: number): string {
  const where = `Layer ${d.layer + 1}, head ${d.head + 1}`;
  const T = d.tokens.length;
  if (T === 0) return `${where}: there is no text, so there is nothing to attend to.`;
  if (q === 0) return `${where}: ${quoted(d, 0)} is the first token, so it can only attend to itself (${percent(d.weights[0])}).`;
  const [first, second] = topEntries(row(d, q), 2);
  const then = second ? `, then ${quoted(d, second.index)} at ${percent(second.weight)}` : '';
  return `${where}: ${quoted(d, q)} attends most to ${quoted(d, first.index)} at ${percent(first.weight)}${then}.`;
}

type Host = Selection<HTMLElement, unknown, null, undefined>;

export interface Table {
  update(d: AttentionView, q: number): void;
}

/** The text alternative's data table (kit/table.ts, lazy): the selected query's weight on each key it can see. */
export function table(base: Host, cls: string): Table {
  const t = dataTable<[AttentionView, number]>(
    base,
    { cls: `${cls}-table`, columns: ['Key token', 'Text', 'Token id', 'Weight'], lazy: true },
    ([d, q]) => {
      const T = d.tokens.length;
      const keys = T === 0 ? [] : Array.from({ length: q + 1 }, (_, k) => k);
      return {
        caption:
          T === 0
            ? 'No tokens'
            : `Attention from ${quoted(d, q)} in layer ${d.layer + 1}, head ${d.head + 1}, to each token it can see; the weights add up to 100%.`,
        rows: keys.map((k) => ({
          cells: [
            { text: k + 1 },
            { text: showToken(d.tokens[k].text), cls: 'gb-att-mono' },
            { text: d.tokens[k].id },
            { text: percent(d.weights[q * T + k]) },
          ],
        })),
      };
    },
  );
  return { update: (d, q) => t.update([d, q]) };
}
