/**
 * The calculator diagrams' behaviour (scaling-laws, model-memory, training-cost,
 * scaling-measured) as one part their hosts compose: the numbers come from a formula source
 * (../sources/formula.ts), the native controls are wired and kept in line (./controls.ts), and
 * the chart loads near the viewport, follows the root's width and redraws on every change. The
 * host (../element.ts) keeps the state, the link, the notes, the URL and the lifecycle.
 */
import type { AnyState, DiagramElement, HostPort } from '../element';
import type { Chart, ChartOptions, RenderFn } from '../chart';
import { JsonSlot } from '../export';
import { prefersReducedMotion } from '../lifecycle';
import { FormulaSource } from '../sources/formula';
import { syncControls, wireControls, type ControlsSpec } from './controls';

/** How long the state waits before reaching the URL while a slider is dragged, ms. */
export const DRAG_MS = 150;

export interface CalcSpec<S, X> {
  /** Everything drawn and exported, from the state alone. */
  compute(state: S): X;
  /** The render module, loaded near the viewport (d3 comes with it). */
  load(): Promise<RenderFn<X>>;
  controls: ControlsSpec<S>;
}


export class Calculator<S extends AnyState, X> {
  private readonly formula: FormulaSource<S, X>;
  private chart: Chart<X> | null = null;
  /** The chart root's width in CSS px when it was last drawn. */
  private width = 0;

  constructor(
    private readonly host: DiagramElement<S>,
    private readonly spec: CalcSpec<S, X>,
    private readonly port: HostPort<S>,
  ) {
    this.formula = new FormulaSource(spec.compute);
  }

  /** The export body: the numbers on screen. */
  get data(): X {
    return this.formula.data;
  }

  /** From the host's connected(): the numbers, the controls and their listeners. */
  connect(stateFromUrl: boolean): void {
    const built = stateFromUrl ? null : new JsonSlot(this.host.byRole('export')).read<X>();
    this.formula.seed(this.host.value, built);
    syncControls(this.host, this.spec.controls, this.host.value);
    wireControls(this.host, this.spec.controls, () => this.host.value, (next, delay) => this.port.choose(next, delay), DRAG_MS);
  }

  /** From the host's start(): load d3 and the render module, recompute, draw. */
  async start(): Promise<void> {
    const life = this.host.life;
    const render = await this.spec.load();
    if (life.disposed) return; // disconnected while the module loaded
    // Computed here in the browser, near the viewport: for the measured family, this is the fit.
    this.formula.update(this.host.value);
    this.port.writeExport();
    const root = this.host.byRole('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.data, this.options());
    life.add(() => this.stop());
    this.port.followWidth(root, (w) => {
      this.width = w;
      this.draw();
    });
  }

  /**
   * From the host's changed(prev, delay): the state moved, so the numbers, the controls and the
   * chart follow. A drag commits late (`delay` > 0) and the host then keeps the link's notes, but
   * they describe a state the reader has already left.
   */
  refresh(delay = 0): void {
    const state = this.host.value;
    if (delay > 0) this.port.dropLinkNotes();
    this.formula.update(state);
    syncControls(this.host, this.spec.controls, state);
    this.draw();
    void this.port.begin();
  }

  private stop(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  private draw() {
    if (this.chart) this.port.measure(() => this.chart?.update(this.data, this.options()));
    this.port.writeExport();
  }

  private options(): ChartOptions {
    return { width: this.width || undefined, reducedMotion: prefersReducedMotion() };
  }
}
