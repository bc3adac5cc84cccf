/**
 * The game's picture, for "Download image" and for the eye: one row per candidate with the
 * reader's share as a bar and, once revealed, the model's probability beside it, the true token
 * marked. The table under "Reveal" says the same in text, so the picture is hidden from
 * assistive technology.
 */
import type { Selection } from 'd3';
import { percent, showToken } from '../kit/tokens';
import type { GameRound } from './game';

type Candidate = GameRound['candidates'][number];

const ROW = 34; // px per candidate: two 12 px bars and a gap
const LABEL = 96; // px for the token label
const PCT = 52; // px for the percentage after a bar
const MIN_WIDTH = 260;

export interface FigureRow {
  c: Candidate;
  /** The reader's share, 0..1. */
  share: number;
}

export function drawFigure(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  rows: FigureRow[],
  revealed: { trueId: number } | null,
  width: number,
) {
  const w = Math.max(MIN_WIDTH, width);
  const bar = w - LABEL - PCT;
  svg.attr('width', w).attr('height', rows.length * ROW + 20).attr('viewBox', `0 0 ${w} ${rows.length * ROW + 20}`);
  svg
    .selectAll<SVGTextElement, number>('text.gb-ntg-key')
    .data([0])
    .join('text')
    .attr('class', 'gb-ntg-key')
    .attr('x', 0)
    .attr('y', 12)
    // Short enough for a 260 px phone column at 13 px.
    .text(revealed ? 'Bars: your share, then the model’s p' : 'Bars: your share of 100%');
  const g = svg
    .selectAll<SVGGElement, FigureRow>('g.gb-ntg-row')
    .data(rows, (r) => r.c.id)
    .join((enter) => {
      const row = enter.append('g').attr('class', 'gb-ntg-row');
      row.append('text').attr('class', 'gb-ntg-label').attr('x', LABEL - 8).attr('y', 17).attr('text-anchor', 'end');
      row.append('rect').attr('class', 'gb-ntg-reader').attr('x', LABEL).attr('y', 6).attr('height', 12);
      row.append('text').attr('class', 'gb-ntg-pct gb-ntg-reader-pct').attr('y', 16);
      row.append('rect').attr('class', 'gb-ntg-model').attr('x', LABEL).attr('y', 20).attr('height', 12);
      row.append('text').attr('class', 'gb-ntg-pct gb-ntg-model-pct').attr('y', 30);
      return row;
    })
    .attr('transform', (_, i) => `translate(0,${20 + i * ROW})`)
    .classed('is-target', (r) => !!revealed && r.c.id === revealed.trueId)
    .attr('data-token-id', (r) => r.c.id);
  g.select('.gb-ntg-label').text((r) => `${showToken(r.c.text)}${revealed && r.c.id === revealed.trueId ? ' ✓' : ''}`);
  g.select('.gb-ntg-reader').attr('width', (r) => r.share * bar);
  g.select('.gb-ntg-reader-pct').attr('x', (r) => LABEL + r.share * bar + 4).text((r) => percent(r.share));
  g.select('.gb-ntg-model').attr('width', (r) => (revealed ? r.c.p * bar : 0)).attr('visibility', revealed ? null : 'hidden');
  g.select('.gb-ntg-model-pct')
    .attr('x', (r) => LABEL + r.c.p * bar + 4)
    .attr('visibility', revealed ? null : 'hidden')
    .text((r) => percent(r.c.p));
}
