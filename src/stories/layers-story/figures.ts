/**
 * One small SVG figure per step of the layers story, drawn from LayersStory: the embedding sum
 * (embed), one block's additions next to the stream (block), the MLP's activations sorted
 * (mlp), the stream's length through the stack (stack) and the final distribution (predict).
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works); text via .text().
 */
import { scaleLinear, select, type Selection } from 'd3';
import { percent, showToken } from '../../diagrams/kit/tokens';
import type { LayersStory } from './data';
import { num } from './fills';

export const STEPS = ['embed', 'block', 'mlp', 'stack', 'predict'] as const;
export type StepId = (typeof STEPS)[number];

const MIN_W = 280; // px
const MAX_W = 520; // px
const ROW = 26; // px per bar row
const LABEL_W = 130; // px
const COLORS = { resid: '#8a8f98', attn: '#0072B2', mlp: '#E69F00', out: '#009E73' } as const;

type G = Selection<SVGSVGElement, unknown, null, undefined>;

function bars(svg: G, rows: { label: string; value: number; color: string; text: string }[], width: number, y0 = 0) {
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const x = scaleLinear().domain([0, max]).range([0, width - LABEL_W - 70]);
  rows.forEach((r, i) => {
    const y = y0 + i * ROW;
    svg.append('text').attr('x', LABEL_W - 6).attr('y', y + 11).attr('dy', '0.35em').attr('text-anchor', 'end').text(r.label);
    svg.append('rect').attr('class', 'gb-ls-fig-bar').attr('x', LABEL_W).attr('y', y + 3).attr('height', ROW - 8).attr('width', Math.max(1, x(r.value))).attr('fill', r.color);
    svg.append('text').attr('x', LABEL_W + Math.max(1, x(r.value)) + 6).attr('y', y + 11).attr('dy', '0.35em').text(r.text);
  });
  return y0 + rows.length * ROW;
}

export function drawFigure(root: HTMLElement, s: LayersStory, step: StepId, width = MAX_W) {
  const w = Math.max(MIN_W, Math.min(MAX_W, Math.round(width)));
  const base = select(root);
  base.selectChildren().remove();
  const svg = base.append('svg').attr('class', 'gb-lst-figure').attr('font-size', 12).attr('width', w) as G;
  let h = 0;
  if (step === 'embed') {
    const rows: [string, number[]][] = [
      ['token (wte)', s.wteFirst],
      ['+ position (wpe)', s.wpeFirst],
      ['= stream (h₀)', s.h0First],
    ];
    const cw = (w - LABEL_W) / s.h0First.length;
    rows.forEach(([label, v], i) => {
      svg.append('text').attr('x', LABEL_W - 6).attr('y', i * ROW + 13).attr('dy', '0.35em').attr('text-anchor', 'end').text(label);
      v.forEach((x, j) => svg.append('text').attr('x', LABEL_W + j * cw + cw / 2).attr('y', i * ROW + 13).attr('dy', '0.35em').attr('text-anchor', 'middle').text(num(x, 3)));
    });
    h = rows.length * ROW + 8;
  } else if (step === 'block') {
    h = bars(svg, [
      { label: 'stream in', value: s.stream0, color: COLORS.resid, text: num(s.stream0) },
      { label: '+ attention', value: s.attn1, color: COLORS.attn, text: num(s.attn1) },
      { label: '+ MLP', value: s.mlp1, color: COLORS.mlp, text: num(s.mlp1) },
      { label: '= stream out', value: s.stream1, color: COLORS.out, text: num(s.stream1) },
    ], w);
  } else if (step === 'mlp') {
    const H = 140;
    const x = scaleLinear().domain([0, s.sortedActs.length - 1]).range([40, w - 8]);
    const y = scaleLinear().domain([Math.min(0, s.minAct), Math.max(1e-9, s.maxAct)]).range([H, 8]);
    svg.append('line').attr('class', 'gb-lst-zero').attr('x1', 40).attr('x2', w - 8).attr('y1', y(0)).attr('y2', y(0));
    svg
      .append('path')
      .attr('fill', 'none')
      .attr('stroke', COLORS.mlp)
      .attr('stroke-width', 2)
      .attr('d', s.sortedActs.map((a, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(a).toFixed(1)}`).join(''));
    svg.append('text').attr('x', 36).attr('y', y(s.maxAct)).attr('dy', '0.35em').attr('text-anchor', 'end').text(num(s.maxAct));
    svg.append('text').attr('x', 36).attr('y', y(0)).attr('dy', '0.35em').attr('text-anchor', 'end').text('0');
    svg.append('text').attr('x', x(s.positive)).attr('y', y(0) - 8).text(`${s.positive} of ${s.width} above 0`);
    h = H + 24;
    svg.append('text').attr('x', 40).attr('y', H + 16).text(`${s.width} neurons, sorted by activation`);
  } else if (step === 'stack') {
    h = bars(
      svg,
      s.streams.map((v, l) => ({ label: l === 0 ? 'embedding' : `after layer ${l}`, value: v, color: l === 0 ? COLORS.resid : COLORS.out, text: num(v, 1) })),
      w,
    );
  } else {
    h = bars(svg, s.top.map((e) => ({ label: showToken(e.text), value: e.p, color: COLORS.attn, text: percent(e.p) })), w);
  }
  svg.attr('height', h).attr('viewBox', `0 0 ${w} ${h}`);
}
