/**
 * What the layer-stack views draw (the 3D stack, three-view.ts, and its 2D fallback, flat.ts)
 * and the parts they share: the token picker, the read-out for a layer, the links that open a
 * layer's heads in the attention chapter, the summary and the data table. No model imports.
 * All text goes through textContent / d3 .text(), never markup.
 */
import { select, type Selection } from 'd3';
import type { Chart, ChartOptions } from '../kit/chart';
import { liveLine } from '../kit/dom';
import { followFocus, wireQueries } from '../kit/keys';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import type { Contribution } from '../kit/layers/contributions';

export interface StackView {
  text: string;
  tokens: { id: number; text: string }[];
  /** [token][layer]: what each block adds to that token's stream. */
  contributions: Contribution[][];
}

export interface StackOptions extends ChartOptions {
  /** Selected token and layer, 0-based; clamped to the data. */
  token?: number;
  layer?: number;
  onToken?: (token: number) => void;
  onLayer?: (layer: number) => void;
  /** The attention chapter's URL showing this layer's heads (0-based layer) for the selected token. */
  href?: (layer: number) => string;
}

export type StackChart = Chart<StackView, StackOptions>;

/** Okabe–Ito: attention blue, MLP orange, the stream grey; distinct in lightness too. */
export const COLORS = { attn: '#0072B2', mlp: '#E69F00', resid: '#8a8f98', accent: '#D55E00' } as const;

export const num = (x: number) => x.toFixed(2);

export function clampIndex(i: number | undefined, n: number, fallback: number): number {
  return n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.round(i ?? fallback)));
}

export function layerLine(c: Contribution): string {
  const r = c.resid_norm > 0 ? c.resid_norm : 1;
  return (
    `Layer ${c.layer}: attention adds a vector of length ${num(c.attn_norm)} (${percent(c.attn_norm / r)} of the stream), ` +
    `the MLP ${num(c.mlp_norm)} (${percent(c.mlp_norm / r)}), to a stream of length ${num(c.resid_norm)}; it leaves at ${num(c.out_norm)}.`
  );
}

export function summarize(d: StackView, token: number): string {
  const T = d.tokens.length;
  if (T === 0) return 'There is no text, so nothing flows through the stack.';
  const rows = d.contributions[token] ?? [];
  if (!rows.length) return '';
  const first = rows[0];
  const last = rows[rows.length - 1];
  const big = rows.reduce((a, c) => (Math.max(c.attn_norm, c.mlp_norm) > Math.max(a.attn_norm, a.mlp_norm) ? c : a));
  const which = big.mlp_norm >= big.attn_norm ? 'its MLP' : 'its attention';
  return (
    `For “${showToken(d.tokens[token].text)}” (token ${token + 1} of ${T}), the stream grows from length ${num(first.resid_norm)} ` +
    `to ${num(last.out_norm)} over ${rows.length} layers; the largest addition is layer ${big.layer}’s, from ${which}.`
  );
}

type Host = Selection<HTMLElement, unknown, null, undefined>;

/** The parts both views share, created inside `base` around a `stage` the view draws into. */
export function chrome(base: Host, getOpts: () => StackOptions) {
  const summary = liveLine(base, 'gb-lay-summary');
  const tokens = base
    .append('div')
    .attr('class', 'gb-ls-tokens')
    .attr('role', 'listbox')
    .attr('aria-orientation', 'horizontal')
    .attr('aria-label', 'Token to follow up the stack: arrow keys move');
  const stage = base.append('div').attr('class', 'gb-ls-stage');
  const readout = liveLine(base, 'gb-lay-readout');
  const nav = base.append('ul').attr('class', 'gb-ls-links').attr('aria-label', 'Open a layer’s heads in the attention chapter');
  // Focusable, so a keyboard can scroll the table on a narrow screen (axe scrollable-region-focusable).
  const table = dataTable<{ rows: Contribution[]; caption: string }>(
    base,
    { cls: 'gb-lay-table', columns: ['Layer', '‖attention adds‖', '‖MLP adds‖', '‖stream in‖', '‖stream out‖'], scroll: { cls: 'gb-lay-scroll', label: 'Layer table, scrollable' } },
    ({ rows, caption }) => ({
      caption,
      rows: rows.map((c) => ({ cells: [{ text: c.layer, head: true }, ...[c.attn_norm, c.mlp_norm, c.resid_norm, c.out_norm].map((v) => ({ text: num(v) }))] })),
    }),
  );

  let count = 0;
  let current = 0;
  const unwire = wireQueries(
    tokens,
    () => count,
    () => current,
    (t) => getOpts().onToken?.(t),
  );
  const layerOf = (ev: Event) => Number((ev.target as Element | null)?.closest?.('[data-layer]')?.getAttribute('data-layer') ?? -1);
  nav
    .on('pointerover', (ev: PointerEvent) => {
      const l = layerOf(ev);
      if (l >= 0) getOpts().onLayer?.(l);
    })
    .on('focusin', (ev: FocusEvent) => {
      const l = layerOf(ev);
      if (l >= 0) getOpts().onLayer?.(l);
    });

  return {
    stage,
    /** Data or token changed: everything but the stage. */
    update(d: StackView, token: number, layer: number) {
      count = d.tokens.length;
      current = token;
      summary.text(summarize(d, token));
      const opts = getOpts();
      tokens
        .selectAll<HTMLSpanElement, { id: number; text: string }>('span')
        .data(d.tokens)
        .join('span')
        .attr('class', 'gb-ls-token gb-lay-mono')
        .attr('role', 'option')
        .attr('data-token', (_, i) => i + 1)
        .attr('aria-selected', (_, i) => String(i === token))
        .attr('tabindex', (_, i) => (i === token ? 0 : -1))
        .text((tk) => showToken(tk.text));
      followFocus(tokens.node() as HTMLElement, token);
      const rows = d.contributions[token] ?? [];
      const tokenName = count ? `“${showToken(d.tokens[token].text)}”` : '';
      nav
        .selectAll<HTMLLIElement, Contribution>('li')
        .data(rows)
        .join((e) => {
          const li = e.append('li');
          li.append('a');
          return li;
        })
        .select('a')
        .attr('data-layer', (_, i) => i)
        .attr('href', (_, i) => opts.href?.(i) ?? null)
        .text((c) => `Layer ${c.layer}’s heads for ${tokenName}`);
      table.update({ rows, caption: count ? `What each layer adds to ${tokenName} (token ${token + 1}), as vector lengths` : 'No text' });
      this.layer(rows, layer);
    },
    /** The highlighted layer changed: only the read-out. */
    layer(rows: Contribution[], layer: number) {
      readout.text(rows[layer] ? layerLine(rows[layer]) : '');
      nav.selectAll('li').classed('is-selected', (_, i) => i === layer);
    },
    destroy() {
      unwire();
      nav.on('pointerover focusin', null);
    },
  };
}

export function webglAvailable(doc: Document): boolean {
  try {
    const c = doc.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export { select };
