/**
 * The light scroll stories (tokens, embeddings, scaling) follow the reader without GSAP: a step
 * is "being read" while it crosses a thin band across the middle of the viewport.
 */
import type { Lifecycle } from '../diagrams/kit/lifecycle';

/** The middle tenth of the viewport (CSS rootMargin: 45% off the top and the bottom). */
export const MIDDLE_BAND = '-45% 0px -45% 0px';

/**
 * Calls `onEntries` as `steps` cross the band `margin`; stops when `life` is disposed. Without
 * IntersectionObserver (jsdom) nothing is followed and the steps read as plain text.
 */
export function followBand(life: Lifecycle, steps: Iterable<Element>, margin: string, onEntries: (entries: IntersectionObserverEntry[]) => void): void {
  if (typeof IntersectionObserver === 'undefined') return;
  const io = new IntersectionObserver(onEntries, { rootMargin: margin });
  for (const s of steps) io.observe(s);
  life.add(() => io.disconnect());
}
