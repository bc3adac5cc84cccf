/**
 * Heavy work (d3, the model runtime, the model download) starts only when a diagram comes
 * near the viewport (DESIGN.md §3, lifecycle). Calls `start` once, the first time any of
 * `targets` is within `margin` of the viewport; returns a function that stops watching.
 */
export const NEAR_VIEWPORT = '400px 0px';

export function whenNearViewport(targets: Element[], start: () => void, margin = NEAR_VIEWPORT): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    start();
    return () => {};
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      start();
    },
    { rootMargin: margin },
  );
  targets.forEach((t) => io.observe(t));
  return () => io.disconnect();
}
