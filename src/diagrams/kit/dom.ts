/**
 * The d3 scaffolding that every view's render repeats: the live summary line, the exported
 * chart <svg>, its layers, the keyboard listbox of selectable targets, and joins whose new
 * elements get a fixed set of children. Each helper appends exactly the elements and attributes,
 * in the order, that the views wrote by hand, so build-time markup does not change.
 */
import { select, type BaseType, type EnterElement, type Selection } from 'd3';

type Parent<E extends BaseType> = Selection<E, unknown, null, undefined>;
type G = Selection<SVGGElement, unknown, null, undefined>;

/** A `<p>` whose changes a screen reader announces (the summary, a read-out). */
export function liveLine<E extends BaseType>(parent: Parent<E>, cls: string): Selection<HTMLParagraphElement, unknown, null, undefined> {
  return parent.append<HTMLParagraphElement>('p').attr('class', cls).attr('aria-live', 'polite');
}

/** The chart's `<svg>`; `data-export` marks it as the picture "Download SVG" saves. */
export function exportSvg<E extends BaseType>(parent: Parent<E>, cls: string): Selection<SVGSVGElement, unknown, null, undefined> {
  return parent.append<SVGSVGElement>('svg').attr('class', cls).attr('data-export', 'svg');
}

/** One `<g class=…>` per class, appended in order (later ones paint on top). */
export function groups<E extends BaseType, const C extends readonly string[]>(parent: Parent<E>, ...classes: C): { [K in keyof C]: G } {
  return classes.map((cls) => parent.append<SVGGElement>('g').attr('class', cls)) as { [K in keyof C]: G };
}

/** The same, hidden from assistive technology: decoration the summary and the table already say. */
export function hiddenGroups<E extends BaseType, const C extends readonly string[]>(parent: Parent<E>, ...classes: C): { [K in keyof C]: G } {
  return classes.map((cls) => parent.append<SVGGElement>('g').attr('class', cls).attr('aria-hidden', 'true')) as { [K in keyof C]: G };
}

/**
 * The SVG group holding a row of options that arrow keys move through (see keys.ts). Chrome makes
 * an SVG group with key listeners a tab stop, so the group gets tabindex −1 and the selected
 * option is the only stop.
 */
export function listbox<E extends BaseType>(parent: Parent<E>, cls: string, orientation: 'horizontal' | 'vertical', label: string): G {
  return parent
    .append<SVGGElement>('g')
    .attr('class', cls)
    .attr('role', 'listbox')
    .attr('aria-orientation', orientation)
    .attr('tabindex', -1)
    .attr('aria-label', label);
}

/** A child of each new element in a join: its tag and, when it has one, its class. */
export type Part = readonly [tag: string, cls?: string];

/**
 * Join `update` (a `selectAll(…).data(…)`) so that each new `tag` element gets `parts` as its
 * children, in order; the caller then fills the children by class or position.
 */
export function joinParts<E extends BaseType, D, P extends BaseType, PD>(
  update: Selection<E, D, P, PD>,
  tag: string,
  parts: readonly Part[],
): Selection<E, D, P, PD> {
  return update.join((enter: Selection<EnterElement, D, P, PD>) => {
    const el = enter.append<E>(tag);
    for (const [child, cls] of parts) {
      const c = el.append(child);
      if (cls) c.attr('class', cls);
    }
    return el;
  });
}

/** `root` as a d3 selection, emptied: a view draws from nothing, also over its build-time markup. */
export function clearedRoot(root: HTMLElement): Selection<HTMLElement, unknown, null, undefined> {
  const base = select(root);
  base.selectChildren().remove();
  return base;
}
