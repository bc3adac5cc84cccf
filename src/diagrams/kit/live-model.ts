/**
 * The live wrapper shared by the model diagrams that keep their export as plain data (next-token,
 * attention-heads): it shows the build-time example until the model answers, starts the model only
 * near the viewport, keeps its state in `data-state` (and in the URL with `data-url-state="on"`) and
 * keeps the `data-export="json"` element equal to what is drawn. The trace views have their own,
 * richer base in live-trace.ts. Subclasses say how the chart mounts (`mount`), how the model is asked
 * (`refresh`) and how the chart is redrawn (`paint`).
 */
import type { ModelApi } from '../../model/api';
import type { StateSchema } from './schema';
import { mirrorInUrl, parseState, serializeState } from './state';
import { whenNearViewport } from './lifecycle';
import { ModelStatusLines } from './status';
import { observeWidth } from './lifecycle';

type Client = typeof import('../../model/client');

/** The fields every live export has; the rest is the diagram's own. */
export interface LiveExport<S> {
  state: S;
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  /** The text these numbers are for; differs from state.text while an example is shown. */
  text: string;
}

export abstract class LiveModelElement<
  S extends { text: string },
  D extends LiveExport<S>,
  C extends { destroy(): void },
> extends HTMLElement {
  protected abstract readonly entry: { id: string; state: StateSchema };
  protected abstract state: S;
  protected data!: D;
  protected chart: C | null = null;
  protected width = 0;
  /** Notes about the link the state came from; cleared once the reader changes it. */
  protected urlNotes: string[] = [];
  protected started = false;
  protected cleanup: (() => void)[] = [];
  protected model: ModelApi | null = null;
  protected readonly status = new ModelStatusLines((role) => this.get(role));

  /** Sync the controls with the state and listen to them (until `signal` aborts). */
  protected abstract wire(signal: AbortSignal): void;
  /** Import the render module (and any helpers) and draw the example into `root`. */
  protected abstract mount(root: HTMLElement): Promise<C>;
  /** Say how this diagram asks the model (typically `client.latest(...)` around one call). */
  protected abstract connect(client: Client, model: ModelApi): void;
  /** Ask the model for the current state and redraw. */
  protected abstract refresh(): Promise<void>;
  /** Redraw the chart from `this.data`. */
  protected abstract paint(chart: C): void;

  protected get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.data = JSON.parse(this.get('export').textContent || '{}') as D;
    this.readState();
    this.data.state = { ...this.state };
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    this.wire(ac.signal);
    this.renderSource();
    this.writeExport();
    this.get('retry').addEventListener('click', () => void this.loadAndRefresh(), { signal: ac.signal });
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  /** Props give the initial state; on a page that mirrors the URL, the query wins. */
  private readState() {
    this.state = parseState(this.dataset.state ?? '', this.entry.state).state as S;
    if (this.dataset.urlState !== 'on') return;
    const params = new URLSearchParams(location.search);
    if (!Object.keys(this.entry.state).some((k) => params.has(k))) return;
    const fromUrl = parseState(params, this.entry.state);
    this.state = fromUrl.state as S;
    this.urlNotes = fromUrl.notes;
    this.dataset.state = serializeState(this.state, this.entry.state);
  }

  protected async start() {
    if (this.started) return;
    this.started = true;
    const root = this.get('chart');
    this.width = root.clientWidth;
    const [client, chart] = await Promise.all([import('../../model/client'), this.mount(root)]);
    if (!this.started) {
      chart.destroy(); // disconnected while the modules loaded
      return;
    }
    this.chart = chart;
    // The reader may have clicked the example while the modules loaded: show what they chose.
    this.draw();
    this.cleanup.push(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        this.draw();
      }),
    );
    const model = client.getModel();
    this.model = model;
    this.connect(client, model);
    this.cleanup.push(this.status.follow(model, (e) => this.showError(e)));
    await this.loadAndRefresh();
  }

  private async loadAndRefresh() {
    if (this.model && (await this.status.load(this.model, (e) => this.showError(e)))) await this.refresh();
  }

  protected showError(e: unknown) {
    this.status.failed(e);
    this.renderSource();
  }

  /** A live answer replaced the data: say so (the caller redraws). */
  protected showLive() {
    this.dataset.source = 'model';
    this.renderSource();
  }

  protected draw() {
    if (!this.chart) return;
    const t0 = performance.now();
    this.paint(this.chart);
    performance.measure(`glassbox:update:${this.entry.id}`, { start: t0, end: performance.now() });
    this.writeExport();
  }

  protected writeState() {
    const q = serializeState(this.state, this.entry.state);
    this.dataset.state = q;
    this.data.state = { ...this.state };
    this.writeExport();
    if (this.dataset.urlState === 'on') mirrorInUrl(q, this.entry.state);
  }

  protected writeExport() {
    this.get('export').textContent = JSON.stringify(this.data);
  }

  protected renderSource() {
    this.status.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }

  protected reducedMotion() {
    return matchMedia('(prefers-reduced-motion: reduce)').matches;
  }
}
