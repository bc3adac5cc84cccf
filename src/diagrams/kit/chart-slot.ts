/**
 * A diagram's chart as one part its host composes: the render module is drawn into the
 * `[data-role="chart"]` root once it has loaded near the viewport, follows the root's width, is
 * redrawn under the host's `glassbox:update:<id>` mark, and is destroyed when the element leaves.
 * The host says what is drawn (`data`) and how (`options`); both are read at every draw.
 */
import type { AnyState, DiagramElement, HostPort } from './element';

/** A render module's chart (./chart.ts's contract, with the diagram's own option type). */
export interface SlotChart<D, O> {
  update(data: D, options: O): void;
  destroy(): void;
}

export type SlotRender<D, O> = (root: HTMLElement, data: D, options: O) => SlotChart<D, O>;

export class ChartSlot<D, O, S extends AnyState = AnyState> {
  private chart: SlotChart<D, O> | null = null;

  constructor(
    private readonly host: DiagramElement<S>,
    private readonly port: HostPort<S>,
    private readonly data: () => D,
    private readonly options: () => O,
    /** The root's width changed (CSS px): by default a redraw. */
    private readonly onWidth: () => void = () => this.draw(),
  ) {}

  /**
   * Load the render module, and `alongside` with it (the model runtime, a tokenizer source), then
   * draw. Resolves to what `alongside` gave, or null when the element left while they loaded.
   */
  async mount<A>(module: Promise<{ render: SlotRender<D, O> }>, alongside: Promise<A>): Promise<A | null> {
    const life = this.host.life;
    const [{ render }, other] = await Promise.all([module, alongside]);
    if (life.disposed) return null; // disconnected while the modules loaded
    const root = this.host.byRole('chart');
    this.port.followWidth(root, () => this.onWidth());
    this.chart = render(root, this.data(), this.options());
    life.add(() => this.destroy());
    return other;
  }

  get drawn(): boolean {
    return this.chart !== null;
  }

  /** Redraw from the data and options now, timed; nothing before the chart is drawn. */
  draw(): void {
    const chart = this.chart;
    if (chart) this.port.measure(() => chart.update(this.data(), this.options()));
  }

  private destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
