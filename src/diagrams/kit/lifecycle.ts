/**
 * When a diagram works and when it stops (DESIGN.md §3, lifecycle): heavy work (d3, the model
 * runtime, the model download) starts only near the viewport, charts lay out again when their
 * width changes, and everything a connection set up is undone when the element leaves the page.
 */

/** How far outside the viewport a diagram starts its heavy work (CSS margin). */
export const NEAR_VIEWPORT = '400px 0px';

/**
 * Calls `start` once, the first time any of `targets` is within `margin` of the viewport;
 * returns a function that stops watching. Without IntersectionObserver (jsdom), starts at once.
 */
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

/**
 * Calls `onWidth` when `root`'s width differs from `width()` (the width the chart was last drawn
 * at) by a pixel or more. Height changes, which the charts cause themselves, are ignored.
 * Returns the disconnect.
 */
export function observeWidth(root: HTMLElement, width: () => number, onWidth: (w: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const ro = new ResizeObserver(() => {
    if (Math.abs(root.clientWidth - width()) >= 1) onWidth(root.clientWidth);
  });
  ro.observe(root);
  return () => ro.disconnect();
}

/**
 * Everything one connection of an element set up: listeners (through `signal`), named timers
 * and cleanup functions. `dispose()` undoes all of it, newest first; a fresh Lifecycle serves the
 * next connection, so an element moved in the DOM starts clean.
 */
export class Lifecycle {
  private readonly ac = new AbortController();
  private readonly cleanups: (() => void)[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Pass as `{ signal }` to addEventListener: the listener goes when the element does. */
  get signal(): AbortSignal {
    return this.ac.signal;
  }

  get disposed(): boolean {
    return this.ac.signal.aborted;
  }

  /** Run `fn` on dispose. */
  add(fn: () => void): void {
    if (this.disposed) fn();
    else this.cleanups.push(fn);
  }

  /** Run `fn` after `ms`, replacing any pending timer of the same `key` (a debounce). */
  later(key: string, ms: number, fn: () => void): void {
    this.cancel(key);
    if (this.disposed) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, ms),
    );
  }

  /** Whether a timer of this key is waiting. */
  pending(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.ac.abort();
    this.cleanups.splice(0).reverse().forEach((f) => f());
  }
}

/** True when the reader asked for less motion: steps jump instead of tweening. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * One connection of an element that is not a diagram host (the chapters' scroll stories): a
 * fresh Lifecycle, and `start(life)` once any of `targets` (default: the element) comes within
 * `margin` of the viewport, or at once with `near: false` for work light enough to need no wait.
 * The caller keeps the Lifecycle and disposes it on disconnect.
 */
export function connectLifecycle(
  el: Element,
  start: (life: Lifecycle) => void,
  { targets = [el], margin = NEAR_VIEWPORT, near = true }: { targets?: Element[]; margin?: string; near?: boolean } = {},
): Lifecycle {
  const life = new Lifecycle();
  const run = () => {
    if (!life.disposed) start(life);
  };
  if (near) life.add(whenNearViewport(targets, run, margin));
  else run();
  return life;
}
