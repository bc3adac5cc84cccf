/**
 * Redraw-on-resize for the diagrams: calls `onWidth` when `root`'s width differs from `width()`
 * (the width the chart was last drawn at) by a pixel or more. Height changes, which the charts
 * cause themselves, are ignored. Returns the disconnect, for the element's cleanup.
 */
export function observeWidth(root: HTMLElement, width: () => number, onWidth: (w: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const ro = new ResizeObserver(() => {
    if (Math.abs(root.clientWidth - width()) >= 1) onWidth(root.clientWidth);
  });
  ro.observe(root);
  return () => ro.disconnect();
}
