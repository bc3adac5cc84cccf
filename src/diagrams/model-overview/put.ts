/**
 * d3's attr and text, writing only what changed. A new prompt moves few of the picture's ~800
 * attributes (the cards stay put, most rows keep their place), and reading an attribute costs
 * far less than setting one on SVG (each set re-parses it and invalidates style), so a redraw
 * stays well within a frame.
 */
import type { BaseType, Selection } from 'd3';

type Value<D> = string | number | null | ((d: D, i: number) => string | number | null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parent: put works on every selection
type Sel<E extends BaseType, D> = Selection<E, D, any, any>;

export function put<E extends BaseType, D>(sel: Sel<E, D>, name: string, value: Value<D>): void {
  sel.each(function (d, i) {
    const el = this as unknown as Element;
    const v = typeof value === 'function' ? value(d, i) : value;
    const s = v === null ? null : String(v);
    if (el.getAttribute(name) === s) return;
    if (s === null) el.removeAttribute(name);
    else el.setAttribute(name, s);
  });
}

export function putText<E extends BaseType, D>(sel: Sel<E, D>, value: string | ((d: D, i: number) => string)): void {
  sel.each(function (d, i) {
    const el = this as unknown as Element;
    const s = typeof value === 'function' ? value(d, i) : value;
    if (el.textContent !== s) el.textContent = s;
  });
}
