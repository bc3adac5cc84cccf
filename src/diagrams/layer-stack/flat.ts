/**
 * The layer stack in 2D: the fallback without WebGL, and the build-time picture. One row per
 * layer, the last on top (the stream flows up); in each row three bars on one scale: the
 * stream entering the layer (grey), what attention adds (blue) and what the MLP adds (orange),
 * as vector lengths. Hover or tap a row for its numbers; click (or tap it again) to open that
 * layer's heads in the attention chapter. Keyboard: the token list and the links under it.
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works).
 */
import { scaleLinear } from 'd3';
import { redrawn } from '../kit/chart';
import { clearedRoot, exportSvg } from '../kit/dom';
import type { Contribution } from '../kit/layers/contributions';
import { chrome, clampIndex, COLORS, num, type StackChart, type StackOptions, type StackView } from './view';

const ROW_H = 54; // px per layer
const BAR_H = 12; // px
const LABEL_W = 64; // px
const VALUE_W = 44; // px for "12.34"
const MIN_W = 280;

export function render(root: HTMLElement, data: StackView, options: StackOptions = {}): StackChart {
  let opts = { ...options };
  let d = data;
  const base = clearedRoot(root);
  const parts = chrome(base, () => opts);
  const svg = exportSvg(parts.stage, 'gb-lay-svg gb-ls-flat').attr('font-size', 12).attr('aria-hidden', 'true');
  const rowsG = svg.append('g');
  const legend = svg.append('g').attr('class', 'gb-ls-legend');
  let token = 0;
  let layer = 0;
  let shown: { d: StackView; token: number } | null = null;

  rowsG.on('pointerover', (ev: PointerEvent) => {
    const l = Number((ev.target as Element).closest('[data-layer]')?.getAttribute('data-layer') ?? -1);
    if (l >= 0 && l !== layer) opts.onLayer?.(l);
  });
  // A mouse has already picked the layer by hovering, so its click opens it; a first tap (touch
  // has no hover) picks the layer and shows its numbers, a second tap on it opens it.
  let touch = false;
  rowsG.on('pointerdown', (ev: PointerEvent) => {
    touch = ev.pointerType === 'touch';
  });
  rowsG.on('click', (ev: MouseEvent) => {
    const l = Number((ev.target as Element).closest('[data-layer]')?.getAttribute('data-layer') ?? -1);
    if (l < 0) return;
    if (touch && l !== layer) opts.onLayer?.(l);
    else if (opts.href) root.ownerDocument.defaultView?.location.assign(opts.href(l));
  });

  function draw(next: StackView, nextOptions: StackOptions) {
    d = next;
    opts = nextOptions;
    const T = d.tokens.length;
    token = clampIndex(opts.token, T, T - 1);
    const rows: Contribution[] = d.contributions[token] ?? [];
    layer = clampIndex(opts.layer, rows.length, 0);
    const width = Math.max(MIN_W, Math.round(opts.width ?? 560));
    const height = rows.length * ROW_H + 28;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const max = Math.max(1e-9, ...rows.flatMap((c) => [c.resid_norm, c.attn_norm, c.mlp_norm]));
    const x = scaleLinear().domain([0, max]).range([0, width - LABEL_W - VALUE_W - 8]);
    const y = (i: number) => (rows.length - 1 - i) * ROW_H;
    const g = rowsG
      .selectAll<SVGGElement, Contribution>('g.gb-ls-row')
      .data(rows)
      .join((e) => {
        const r = e.append('g').attr('class', 'gb-ls-row');
        r.append('rect').attr('class', 'gb-ls-hit');
        r.append('text').attr('class', 'gb-ls-name');
        for (const k of ['resid', 'attn', 'mlp'] as const) {
          r.append('rect').attr('class', `gb-ls-bar gb-ls-${k}`).attr('fill', COLORS[k]);
          r.append('text').attr('class', `gb-ls-val gb-ls-val-${k}`);
        }
        return r;
      })
      .attr('data-layer', (_, i) => i)
      .attr('transform', (_, i) => `translate(0,${y(i)})`)
      .classed('is-selected', (_, i) => i === layer);
    g.select('.gb-ls-hit').attr('width', width).attr('height', ROW_H - 4);
    g.select('.gb-ls-name')
      .attr('x', 0)
      .attr('y', ROW_H / 2)
      .attr('dy', '0.35em')
      .text((c) => `layer ${c.layer}`);
    (['resid', 'attn', 'mlp'] as const).forEach((k, j) => {
      const v = (c: Contribution) => c[`${k}_norm`];
      g.select(`.gb-ls-${k}`)
        .attr('x', LABEL_W)
        .attr('y', 4 + j * (BAR_H + 3))
        .attr('height', BAR_H)
        .attr('width', (c) => Math.max(1, x(v(c))));
      g.select(`.gb-ls-val-${k}`)
        .attr('x', (c) => LABEL_W + Math.max(1, x(v(c))) + 4)
        .attr('y', 4 + j * (BAR_H + 3) + BAR_H / 2)
        .attr('dy', '0.35em')
        .attr('font-size', 11)
        .text((c) => num(v(c)));
    });
    legend.attr('transform', `translate(${LABEL_W},${rows.length * ROW_H + 10})`);
    legend
      .selectAll('g')
      .data([
        ['resid', 'stream in'],
        ['attn', 'attention adds'],
        ['mlp', 'MLP adds'],
      ] as const)
      .join((e) => {
        const l = e.append('g');
        l.append('rect').attr('width', 10).attr('height', 10).attr('y', -5);
        l.append('text').attr('x', 14).attr('dy', '0.35em');
        return l;
      })
      .attr('transform', (_, i) => `translate(${i * 120},0)`)
      .call((l) => l.select('rect').attr('fill', ([k]) => COLORS[k]))
      .call((l) => l.select('text').text(([, s]) => s));
    // A hover that only moves the layer rewrites the read-out, not the token list and table.
    if (shown?.d === d && shown.token === token) parts.layer(rows, layer);
    else parts.update(d, token, layer);
    shown = { d, token };
  }

  return redrawn(root, data, options, draw, () => {
    rowsG.on('pointerover pointerdown click', null);
    parts.destroy();
  });
}
