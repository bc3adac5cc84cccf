/**
 * Build-time drawing: the same render() the page runs, in jsdom, so a calculator diagram shows
 * its chart, summary and table before (and without) JavaScript. jsdom escapes text nodes, so the
 * HTML carries no markup from the data.
 */
import { JSDOM } from 'jsdom';

export function renderStatic<X>(render: (root: HTMLElement, data: X, options?: { reducedMotion?: boolean }) => unknown, data: X): string {
  const dom = new JSDOM('<!doctype html><div></div>');
  const host = dom.window.document.querySelector('div') as unknown as HTMLElement;
  render(host, data, { reducedMotion: true });
  const html = host.innerHTML;
  dom.window.close();
  return html;
}

/** JSON for a `<script type="application/json">`: "<" escaped so no string can close the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
