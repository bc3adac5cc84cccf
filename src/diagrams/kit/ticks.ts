/**
 * Value labels down a chart's left edge, for the small line charts that draw their own frame
 * (positions' cosine by distance, contextual-path's cosine by layer): a D3 join, so a redraw
 * moves the labels rather than adding more.
 */
import type { ScaleLinear, Selection } from 'd3';

/**
 * @param cls the labels' classes; the first one keys the join.
 * @param x the chart's left edge in px; labels end 4 px left of it.
 */
export function leftTicks(g: Selection<SVGGElement, unknown, null, undefined>, y: ScaleLinear<number, number>, cls: string, x: number, count = 4): void {
  g.selectAll(`text.${cls.split(' ')[0]}`)
    .data(y.ticks(count))
    .join('text')
    .attr('class', cls)
    .attr('x', x - 4)
    .attr('y', (t) => y(t))
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((t) => t.toFixed(1));
}
