/**
 * What the attention views (`attention`, `attention-matrix`) draw, and the parts they share:
 * the one-line summary, the data table and the keyboard/pointer wiring of the query tokens.
 * No model imports: the views receive plain typed data.
 */
import type { Selection } from 'd3';
import { topEntries } from '../../../math/attention';
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

/**
 * The text alternative's data table: the selected query's weight on each key it can see.
 * It is filled on the first draw (so the build-time HTML has it) and then only while open: a
 * closed table of 256 rows would otherwise be rebuilt on every hover, for nobody to see.
 */
export function table(base: Host, cls: string): Table {
  const details = base.append('details').attr('class', `${cls}-table`);
  let filled = false;
  let pending: [AttentionView, number] | null = null;
  details.on('toggle', () => {
    if (pending && (details.node() as HTMLDetailsElement).open) fill(...pending);
  });
  details.append('summary').text('The numbers as a table');
  const t = details.append('table');
  const caption = t.append('caption');
  const head = t.append('thead').append('tr');
  for (const h of ['Key token', 'Text', 'Token id', 'Weight']) head.append('th').attr('scope', 'col').text(h);
  const body = t.append('tbody');
  function fill(d: AttentionView, q: number) {
    filled = true;
    pending = null;
    const T = d.tokens.length;
    caption.text(
      T === 0
        ? 'No tokens'
        : `Attention from ${quoted(d, q)} in layer ${d.layer + 1}, head ${d.head + 1}, to each token it can see; the weights add up to 100%.`,
    );
    const keys = T === 0 ? [] : Array.from({ length: q + 1 }, (_, k) => k);
    const tr = body
      .selectAll<HTMLTableRowElement, number>('tr')
      .data(keys)
      .join((enter) => {
        const r = enter.append('tr');
        r.append('td');
        r.append('td').attr('class', 'gb-att-mono');
        r.append('td');
        r.append('td');
        return r;
      });
    tr.select('td:nth-child(1)').text((k) => k + 1);
    tr.select('td:nth-child(2)').text((k) => showToken(d.tokens[k].text));
    tr.select('td:nth-child(3)').text((k) => d.tokens[k].id);
    tr.select('td:nth-child(4)').text((k) => percent(d.weights[q * T + k]));
  }
  return {
    update(d, q) {
      if (!filled || (details.node() as HTMLDetailsElement).open) fill(d, q);
      else pending = [d, q];
    },
  };
}

const KEYS: Record<string, (q: number, T: number) => number> = {
  ArrowLeft: (q) => q - 1,
  ArrowUp: (q) => q - 1,
  ArrowRight: (q) => q + 1,
  ArrowDown: (q) => q + 1,
  Home: () => 0,
  End: (_, T) => T - 1,
};

/**
 * Pointer and keyboard selection of query tokens inside `group`: hover (mouse, pen), tap
 * (touch, which has no hover) and focus, then arrow keys, Home and End. Each target carries
 * `data-token` (1-based). Listeners are delegated, so a redraw never re-binds them.
 */
export function wireQueries(
  group: Selection<SVGGElement, unknown, null, undefined>,
  count: () => number,
  current: () => number,
  select: (q: number) => void,
  keys: Record<string, (q: number, T: number) => number> = KEYS,
) {
  const target = (ev: Event) => {
    const el = (ev.target as Element | null)?.closest?.('[data-token]');
    return el ? Number(el.getAttribute('data-token')) - 1 : -1;
  };
  const pick = (q: number) => {
    if (q >= 0 && q < count() && q !== current()) select(q);
  };
  group
    .on('pointerover', (ev: PointerEvent) => {
      if (ev.pointerType !== 'touch') pick(target(ev));
    })
    .on('click', (ev: MouseEvent) => pick(target(ev)))
    .on('focusin', (ev: FocusEvent) => pick(target(ev)))
    .on('keydown', (ev: KeyboardEvent) => {
      const move = keys[ev.key];
      if (!move || count() === 0) return;
      ev.preventDefault();
      pick(Math.min(count() - 1, Math.max(0, move(current(), count()))));
    });
}

/** After a keyboard move, keep focus on the selected token so the next arrow key continues from it. */
export function followFocus(group: SVGGElement, q: number) {
  const active = group.ownerDocument.activeElement;
  if (!active || !group.contains(active)) return;
  const next = group.querySelector<SVGGElement>(`[data-token="${q + 1}"]`);
  if (next && next !== active) next.focus();
}
