/**
 * Parts the next-token views share: the rank-band palette, number formats, the one-line
 * summary, the data table and the pointer/keyboard wiring of positions. No model imports.
 * Shared by next-token-window, surprise-text and next-token-game.
 */
import type { Selection } from 'd3';
import { natsToBits, RANK_BANDS, type RankBand } from '../../../math/next-token';
import { percent, showToken } from '../tokens';
import { emptyMessage, type WindowData, type WindowPosition } from './data';

/**
 * Okabe–Ito colours, one per rank band (green → sky blue → yellow → orange → vermillion: the
 * further down the model ranked the true token, the warmer). Colour-blind safe; every band is
 * also written out in words, so colour is never the only cue.
 * @see https://jfly.uni-koeln.de/color/
 */
export const BAND_COLOURS: Record<RankBand, string> = {
  top1: '#009E73',
  top10: '#56B4E9',
  top100: '#F0E442',
  top1000: '#E69F00',
  worse: '#D55E00',
};

export const BAND_LABEL: Record<RankBand, string> = Object.fromEntries(RANK_BANDS.map((b) => [b.id, b.label])) as Record<
  RankBand,
  string
>;

/** A loss in nats, two decimals: "2.31 nats". */
export function nats(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${x.toFixed(2)} nats`;
}

/** The same loss in bits: "3.33 bits". */
export function bitsText(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${natsToBits(x).toFixed(2)} bits`;
}

export function rankText(p: Pick<WindowPosition, 'rank' | 'band'>): string {
  return `rank ${p.rank.toLocaleString('en-US')} (${BAND_LABEL[p.band]})`;
}

/** Perplexity, one decimal under 100 and whole numbers above: "24.8", "1,204". */
export function perplexityText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US');
}

/** A text's last `max` characters, whitespace shown as is (no collapsing), led by "…" when cut. */
export function tailChars(text: string, max: number): string {
  const chars = Array.from(text.replace(/\n/g, '↵'));
  return chars.length > max ? '…' + chars.slice(chars.length - max + 1).join('') : chars.join('');
}

/** A token label cut to `max` characters, whitespace made visible. */
export function clip(text: string, max: number): string {
  const chars = Array.from(showToken(text));
  return chars.length > max ? chars.slice(0, Math.max(1, max - 1)).join('') + '…' : chars.join('');
}

/** The tokens the model saw before `pos`, as one string. */
export function seenText(d: Pick<WindowData, 'tokens'>, pos: Pick<WindowPosition, 'seen_tokens'>): string {
  return d.tokens
    .slice(0, pos.seen_tokens)
    .map((t) => t.text)
    .join('');
}

export function positionAt(d: Pick<WindowData, 'positions'>, index: number | null): WindowPosition | null {
  if (index === null || d.positions.length === 0) return null;
  return d.positions[index - d.positions[0].index] ?? null;
}

/** One sentence on one position: "After “…sat on the”, the model gave “␣mat” 21.3%: a loss of 1.54 nats, rank 1 (top guess)." */
export function describePosition(d: Pick<WindowData, 'tokens'>, p: WindowPosition): string {
  return (
    `After “${tailChars(seenText(d, p), 40)}”, the model gave “${showToken(p.target.text)}” ${percent(p.p)}: ` +
    `a loss of ${nats(p.loss)}, ${rankText(p)}.`
  );
}

export function summarize(d: WindowData, position: number | null): string {
  const empty = emptyMessage(d);
  if (empty) return empty;
  const p = positionAt(d, position);
  const mean =
    `Over ${d.positions.length} guesses the mean loss is ${nats(d.mean_loss)} per token ` +
    `(perplexity ${perplexityText(d.perplexity)}).`;
  return p ? `Token ${p.index}: ${describePosition(d, p)} ${mean}` : mean;
}

type Base = Selection<HTMLElement, unknown, null, undefined>;

/** The data table: one row per position. Refilled only when the data change, not on a hover. */
export function positionsTable(base: Base, cls: string, caption: string) {
  const details = base.append('details').attr('class', `${cls}-table`);
  details.append('summary').text('The numbers as a table');
  const table = details.append('table');
  table.append('caption').text(caption);
  const head = table.append('thead').append('tr');
  for (const h of ['Token', 'Tokens seen', 'True next token', 'p(true)', 'Loss (nats)', 'Rank', 'Top 5 guesses']) {
    head.append('th').attr('scope', 'col').text(h);
  }
  const body = table.append('tbody');
  let last: WindowData | null = null;
  return (d: WindowData) => {
    if (d === last) return;
    last = d;
    const tr = body
      .selectAll<HTMLTableRowElement, WindowPosition>('tr')
      .data(d.positions)
      .join((enter) => {
        const r = enter.append('tr');
        for (let i = 0; i < 7; i++) r.append('td');
        return r;
      })
      .attr('data-position', (p) => p.index);
    tr.select('td:nth-child(1)').text((p) => p.index);
    tr.select('td:nth-child(2)').text((p) => p.seen_tokens);
    tr.select('td:nth-child(3)').text((p) => `${showToken(p.target.text)} (id ${p.target.id})`);
    tr.select('td:nth-child(4)').text((p) => percent(p.p));
    tr.select('td:nth-child(5)').text((p) => p.loss.toFixed(3));
    tr.select('td:nth-child(6)').text((p) => `${p.rank} (${BAND_LABEL[p.band]})`);
    tr.select('td:nth-child(7)').text((p) => p.top.map((g) => `${showToken(g.text)} ${percent(g.p)}`).join(', '));
  };
}

const KEYS: Record<string, (i: number, first: number, last: number) => number> = {
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  Home: (_, first) => first,
  End: (_, __, last) => last,
};

/**
 * Hover (mouse, pen), tap (touch has no hover), focus and arrow keys / Home / End on the
 * `[data-token]` targets inside `group`, delegated so a redraw never re-binds. Positions are
 * 1-based and run first … last.
 */
export function wirePositions(
  group: Selection<Element, unknown, null, undefined>,
  range: () => [number, number] | null,
  current: () => number | null,
  select: (position: number) => void,
) {
  const target = (ev: Event) => {
    const el = (ev.target as Element | null)?.closest?.('[data-token]');
    return el ? Number(el.getAttribute('data-token')) : NaN;
  };
  const pick = (i: number) => {
    const r = range();
    if (r && i >= r[0] && i <= r[1] && i !== current()) select(i);
  };
  group
    .on('pointerover', (ev: PointerEvent) => {
      if (ev.pointerType !== 'touch') pick(target(ev));
    })
    .on('click', (ev: MouseEvent) => pick(target(ev)))
    .on('focusin', (ev: FocusEvent) => pick(target(ev)))
    .on('keydown', (ev: KeyboardEvent) => {
      const move = KEYS[ev.key];
      const r = range();
      if (!move || !r) return;
      ev.preventDefault();
      const now = current() ?? r[1];
      pick(Math.min(r[1], Math.max(r[0], move(now, r[0], r[1]))));
    });
  return () => group.on('pointerover click focusin keydown', null);
}

/** After a keyboard move, keep focus on the selected target so the next arrow key continues from it. */
export function followFocus(group: Element, position: number | null) {
  const active = group.ownerDocument.activeElement;
  if (position === null || !active || !group.contains(active)) return;
  const next = group.querySelector<HTMLElement | SVGElement>(`[data-token="${position}"]`);
  if (next && next !== active) next.focus();
}
