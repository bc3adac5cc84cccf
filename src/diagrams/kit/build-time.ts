/**
 * What a diagram's .astro wrapper does when the site is built: check its props against the
 * registry schema (an invalid state fails the build); draw the view with the same render() the
 * page runs, in jsdom, so the diagram shows a chart before (and without) JavaScript; and embed
 * its data as JSON in the page. jsdom escapes text nodes, so the HTML carries no markup from
 * the data.
 */
import { JSDOM } from 'jsdom';
import type { StateOf, StateSchema } from './schema';
import { normalizeState } from './state';

/** The HTML that `draw` leaves in an empty, detached <div>. */
export function drawAtBuild(draw: (host: HTMLElement) => unknown): string {
  const dom = new JSDOM('<!doctype html><div></div>');
  try {
    const host = dom.window.document.querySelector('div') as unknown as HTMLElement;
    draw(host);
    return host.innerHTML;
  } finally {
    dom.window.close();
  }
}

/** JSON for a `<script type="application/json">`: "<" escaped so no string (a token such as "</script>") can close the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** A wrapper's props as its diagram's state; an invalid value fails the build, naming the component. */
export function stateAtBuild<S extends StateSchema>(component: string, given: Partial<Record<keyof S, unknown>>, schema: S): StateOf<S> {
  const { state, notes } = normalizeState(given, schema);
  if (notes.length) throw new Error(`<${component}> got an invalid state: ${notes.join(' ')}`);
  return state;
}

/**
 * What a diagram shows before any script runs, for one state: the export (the numbers, from the
 * build-time example or a formula) and the chart drawn from it. Each diagram folder's `build.ts`
 * exports `buildView(state)`; its .astro wrapper and the jsdom gallery test both call it, so the
 * snapshot is exactly what a reader without JavaScript sees.
 */
export interface BuiltView<D = unknown> {
  data: D;
  draw(host: HTMLElement): void;
}
