/**
 * Shared helpers for the jsdom view tests: a fresh root to draw into, Plot's snapshot convention,
 * and the events jsdom lacks. Tests that mount custom elements clean up with `cleanup()`.
 */

/** A fresh `<div>` in the document to render into. */
export function mount(doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  doc.body.append(root);
  return root;
}

/** Remove everything the test drew, custom elements included (their disconnect runs). */
export function cleanup(doc: Document = document): void {
  doc.body.replaceChildren();
}

/** Round every decimal to 3 places so float noise is not a diff (Plot's plot-snapshot.js). */
export function round3(html: string): string {
  return html.replace(/-?\d+\.\d+(e[+-]?\d+)?/gi, (d) => String(+(+d).toFixed(3)));
}

/**
 * Element ids and references to them that a build numbers per page (`gb-…-3`, `#gb-…-3`): made
 * stable so a snapshot does not depend on how many diagrams were drawn before.
 */
function stableIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/\b(id|for|aria-labelledby|aria-describedby|aria-controls|href|clip-path|fill|mask)="([^"]*)"/g, (_m, attr: string, value: string) => {
    const out = value.replace(/([a-z][a-z0-9-]*?)-(\d+)\b/gi, (whole, stem: string) => {
      if (!/^gb-|^glassbox-|-(clip|hatch|grad|mask)/i.test(stem) && !seen.has(whole)) return whole;
      if (!seen.has(whole)) seen.set(whole, `${stem}-N${seen.size + 1}`);
      return seen.get(whole) as string;
    });
    return `${attr}="${out}"`;
  });
}

/** An element's HTML for a file snapshot: decimals rounded, one tag per line, ids stable. */
export function snapshot(el: Element): string {
  return stableIds(round3(el.outerHTML)).replace(/></g, '>\n<');
}

/** jsdom has no PointerEvent: a MouseEvent with the pointerType the handlers read. */
export function pointer(type: string, pointerType = 'mouse'): Event {
  const ev = new MouseEvent(type, { bubbles: true });
  Object.defineProperty(ev, 'pointerType', { value: pointerType });
  return ev;
}

export function key(k: string): KeyboardEvent {
  return new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
}

/** Resolves when `check` returns true, polling each macrotask; fails after `ms`. */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 0));
  }
}
