/**
 * Made-up attention with the real shape, for the attention views' snapshots: they must not
 * change when the model is retrained. Rows sum to 1; keys after the query are 0.
 */
import type { AttentionView } from '../../../src/diagrams/kit/attention/view';

export const fixture: AttentionView = {
  text: 'The cat sat it',
  tokens: [
    { id: 513, text: 'The' },
    { id: 3241, text: ' cat' },
    { id: 1056, text: ' sat' },
    { id: 327, text: ' it' },
  ],
  // prettier-ignore
  weights: [
    1, 0, 0, 0,
    0.75, 0.25, 0, 0,
    0.5, 0.125, 0.375, 0,
    0.1, 0.6, 0.2, 0.1,
  ],
  layer: 1,
  head: 2,
};

/** Plot's snapshot convention: round every decimal to 3 places so float noise is not a diff. */
export function snapshot(el: Element): string {
  return el.outerHTML
    .replace(/\d+\.\d+/g, (d) => String(+(+d).toFixed(3)))
    .replace(/gb-am-hatch-[bp]\d+/g, 'gb-am-hatch-N')
    .replace(/></g, '>\n<');
}

export function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
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
