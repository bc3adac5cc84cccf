/**
 * The contract every diagram's render module meets (DESIGN.md §3): `render(root, data, options)`
 * returns `{ update, destroy }`, draws only inside `root` and never imports the model.
 */
export interface ChartOptions {
  /** Width in CSS px; the chart lays out again to fit rather than scaling its text. */
  width?: number;
  /** True: no transitions (prefers-reduced-motion, tests, build-time rendering). */
  reducedMotion?: boolean;
}

export interface Chart<T, O extends ChartOptions = ChartOptions> {
  update(data: T, options?: O): void;
  destroy(): void;
}

export type RenderFn<T, O extends ChartOptions = ChartOptions> = (root: HTMLElement, data: T, options?: O) => Chart<T, O>;

/**
 * The `{ update, destroy }` of a chart that draws itself again in full from the data and the
 * options so far (`draw`); it draws once now. destroy() runs `teardown` (listeners the chart set
 * outside its children, running transitions) and then empties `root`.
 */
export function redrawn<T, O extends ChartOptions>(
  root: HTMLElement,
  data: T,
  options: O,
  draw: (data: T, options: O) => void,
  teardown?: () => void,
): Chart<T, O> {
  let opts = { ...options };
  draw(data, opts);
  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      draw(next, opts);
    },
    destroy() {
      teardown?.();
      for (const child of [...root.children]) child.remove();
    },
  };
}
