/**
 * The chart a trace view part (./trace-element.ts) draws, with the view it shows and where that
 * view's numbers come from: the build-time example until a trace comes first, then the latest
 * trace's. `common()` is the view part's origin, redraw and destroy.
 */
import type { SlotChart, SlotRender } from './chart-slot';
import type { Origin } from './sources/trace';
import type { TraceView } from './trace-element';

export class TraceChart<V, O> {
  view: V | null = null;
  origin: Origin | null = null;
  private chart: SlotChart<V, O> | null = null;

  constructor(private readonly options: () => O) {}

  /** Draw into `root`; `example` gives the view only when no trace came first. */
  mount(root: HTMLElement, render: SlotRender<V, O>, example: () => { view: V; origin: Origin }): void {
    if (!this.view) this.show(example());
    this.chart = render(root, this.view as V, this.options());
  }

  /** A new view (from a trace) for the next redraw. */
  show({ view, origin }: { view: V; origin: Origin }): void {
    this.view = view;
    this.origin = origin;
  }

  common(): Pick<TraceView, 'origin' | 'redraw' | 'destroy'> {
    return {
      origin: () => this.origin,
      redraw: () => {
        if (this.chart && this.view) this.chart.update(this.view, this.options());
      },
      destroy: () => {
        this.chart?.destroy();
        this.chart = null;
      },
    };
  }
}
