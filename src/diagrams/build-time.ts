/**
 * What a diagram's .astro wrapper does when the site is built: draw the view with the same
 * render() the page runs, in jsdom, so the diagram shows a chart before (and without)
 * JavaScript; and embed its data as JSON in the page. jsdom escapes text nodes, so the HTML
 * carries no markup from the data.
 */
import { JSDOM } from 'jsdom';

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
