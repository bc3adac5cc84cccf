/**
 * The shared behaviour of the scaling chapter's calculator diagrams (scaling-laws,
 * model-memory, training-cost): no model, so every number is computed from the state on the
 * spot. The element reads its state from `data-state` (and from the page URL where
 * `data-url-state="on"`), wires its native controls, recomputes the export on each input,
 * redraws (measured as `glassbox:update:<id>`), keeps `data-export="json"` equal to what is
 * drawn and mirrors the state in the URL. d3 and the render module load near the viewport.
 */
import type { DiagramEntry, StateSchema } from '../schema';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../state';
import { whenNearViewport } from '../lifecycle';
import type { Chart, ChartOptions } from '../chart';
import { observeWidth } from '../lifecycle';

export type RenderFn<X> = (root: HTMLElement, data: X, options?: ChartOptions) => Chart<X>;

/** How the URL mirror is throttled while a slider is dragged, ms. */
const URL_MS = 150;

export abstract class CalcElement<S extends Record<string, unknown>, X extends { state: S }> extends HTMLElement {
  protected abstract readonly entry: DiagramEntry<StateSchema>;
  /** Everything drawn and exported, from the state alone. */
  protected abstract compute(state: S): X;
  protected abstract loadRender(): Promise<RenderFn<X>>;
  /** The state after one control moved: `name` is the control's data-control, `value` its value. */
  protected abstract applyControl(state: S, name: string, value: string): S;
  /** Put every control and output in line with the state (after a link, or a linked control). */
  protected abstract syncControls(state: S): void;

  /** Settle fields that depend on each other; `given` holds the keys a link or prop set. */
  protected resolve(state: S, _given: ReadonlySet<string>): { state: S; notes: string[] } {
    return { state, notes: [] };
  }

  protected state!: S;
  private data!: X;
  private chart: Chart<X> | null = null;
  private started = false;
  private width = 0;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];

  protected el<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${role}"]`);
    return el;
  }

  /** Move one slider and its visible value; the slider being dragged stays under the pointer. */
  protected syncSlider(control: string, value: number, text: string) {
    const input = this.querySelector<HTMLInputElement>(`input[data-control="${control}"]`);
    if (input && document.activeElement !== input) input.value = String(value);
    input?.setAttribute('aria-valuetext', text);
    const out = this.querySelector(`output[data-output="${control}"]`);
    if (out) out.textContent = text;
  }

  /** Set a <select> control to the state's value. */
  protected syncSelect(control: string, value: string) {
    const sel = this.querySelector<HTMLSelectElement>(`select[data-control="${control}"]`);
    if (sel) sel.value = value;
  }

  connectedCallback() {
    const fromUrl = this.readState();
    const notes = fromUrl ?? [];
    // The build-time export already holds the numbers for the props' state; recompute only for
    // a state from the URL. Heavier work (the measured family's fit) then waits for start().
    this.data = fromUrl ? this.compute(this.state) : (JSON.parse(this.el('export').textContent || 'null') as X);
    this.syncControls(this.state);
    this.showNotes(notes);
    this.writeExport();
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('[data-control]')) {
      const type = el instanceof HTMLButtonElement ? 'click' : el instanceof HTMLSelectElement ? 'change' : 'input';
      el.addEventListener(type, () => this.onControl(el.dataset.control ?? '', el.value), { signal: ac.signal });
    }
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.urlTimer);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  /** Props give the initial state; on a page that mirrors the URL, the query wins. */
  /** Notes from the URL when the URL set the state; null when the props' state stands. */
  private readState(): string[] | null {
    const fromProps = new URLSearchParams(this.dataset.state ?? '');
    let params = fromProps;
    if (this.dataset.urlState === 'on') {
      const url = new URLSearchParams(location.search);
      if (Object.keys(this.entry.state).some((k) => url.has(k))) params = url;
    }
    const parsed = parseState(params, this.entry.state);
    const given = new Set(Object.keys(this.entry.state).filter((k) => params.has(k)));
    const resolved = this.resolve(parsed.state as unknown as S, given);
    this.state = resolved.state;
    this.dataset.state = serializeState(this.state as unknown as Record<string, string | number>, this.entry.state);
    return params === fromProps ? null : [...parsed.notes, ...resolved.notes];
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const render = await this.loadRender();
    if (!this.started) return;
    // Computed here in the browser, near the viewport: for the measured family, this is the fit.
    this.data = this.compute(this.state);
    this.writeExport();
    const root = this.el('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.data, this.options());
    this.cleanup.push(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        this.draw();
      }),
    );
  }

  /**
   * Show a state chosen by the page (a scroll story's step), as a link with these keys would.
   * The page URL is left alone: the reader did not choose this view.
   */
  show(partial: Partial<S>) {
    const checked = normalizeState({ ...this.state, ...partial } as Partial<Record<string, unknown>>, this.entry.state);
    this.state = this.resolve(checked.state as unknown as S, new Set(Object.keys(partial))).state;
    this.refresh();
  }

  private onControl(name: string, value: string) {
    const next = this.applyControl(this.state, name, value);
    // Through the schema again, so a control can never produce a state a link could not.
    this.state = normalizeState(next as Partial<Record<string, unknown>>, this.entry.state).state as unknown as S;
    this.refresh();
    if (this.dataset.urlState === 'on') {
      clearTimeout(this.urlTimer);
      this.urlTimer = setTimeout(() => mirrorInUrl(this.dataset.state ?? '', this.entry.state), URL_MS);
    }
  }

  private refresh() {
    this.data = this.compute(this.state);
    this.syncControls(this.state);
    this.showNotes([]);
    this.dataset.state = serializeState(this.state as unknown as Record<string, string | number>, this.entry.state);
    this.draw();
    if (!this.started) void this.start();
  }

  private options(): ChartOptions {
    return { width: this.width || undefined, reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches };
  }

  private draw() {
    if (this.chart) {
      const t0 = performance.now();
      this.chart.update(this.data, this.options());
      performance.measure(`glassbox:update:${this.entry.id}`, { start: t0, end: performance.now() });
    }
    this.writeExport();
  }

  private writeExport() {
    this.el('export').textContent = JSON.stringify(this.data);
  }

  private showNotes(notes: string[]) {
    const list = this.el('notes');
    list.replaceChildren(
      ...notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    list.hidden = notes.length === 0;
  }
}
