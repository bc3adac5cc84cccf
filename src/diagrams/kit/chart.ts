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
