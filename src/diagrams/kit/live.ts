/**
 * The live model behind a diagram, as one part a host composes: it loads the model runtime only
 * when the host starts (near the viewport), shows download progress, an error with Retry and
 * where the numbers come from (ModelStatus.astro's lines), and says so when the link names a
 * model version this site no longer serves. The host asks the model through `model` once
 * `onReady` runs, and again after each Retry.
 */
import type { ModelApi } from '../../model/api';
import type { ModelInfo } from '../../model/types';
import type { DiagramElement } from './element';
import { formatPin } from './link';
import { ModelStatusLines, type NumbersOrigin } from './status';

export type Client = typeof import('../../model/client');

export class LiveModel {
  readonly status: ModelStatusLines;
  client: Client | null = null;
  model: ModelApi | null = null;
  /** The model that answered, once loaded. */
  info: ModelInfo | null = null;
  private stale: string | null = null;

  constructor(
    private readonly host: DiagramElement,
    private readonly onReady: () => Promise<void>,
    private readonly onError: (e: unknown) => void = () => {},
  ) {
    this.status = new ModelStatusLines((role) => host.byRole(role));
  }

  /** Wire Retry; call from the host's connected(). */
  wire(): void {
    this.host.listen(this.host.byRole('retry'), 'click', () => void this.loadAndRun());
  }

  /** Load the client module (the Worker starts on the first request, not on import). */
  async connect(): Promise<Client> {
    this.client ??= await import('../../model/client');
    return this.client;
  }

  /**
   * Start following and loading the model, then hand over to onReady. A link's
   * `model=<id>@<version>` loads that version while the catalogue serves it; otherwise the
   * current model, with a note saying the link's is gone.
   */
  async start(): Promise<void> {
    const client = await this.connect();
    const ref = await this.resolvePin();
    if (this.host.life.disposed) return;
    if (this.stale) this.host.renderNotes();
    this.model = client.getModel(ref);
    this.host.life.add(this.status.follow(this.model, (e) => this.failed(e)));
    await this.loadAndRun();
  }

  async loadAndRun(): Promise<void> {
    if (!this.model) return;
    if (!(await this.status.load(this.model, (e) => this.failed(e)))) return;
    this.info = await this.model.load();
    await this.onReady();
  }

  /**
   * Wrap a request to the model so that only the newest call's answer is delivered (older ones
   * resolve to undefined): a slow answer never overwrites a newer one.
   */
  latest<A extends unknown[], R>(ask: (model: ModelApi, ...a: A) => Promise<R>): (...a: A) => Promise<R | undefined> {
    let seq = 0;
    return async (...a: A) => {
      const mine = ++seq;
      if (!this.model) return undefined;
      const r = await ask(this.model, ...a);
      return mine === seq ? r : undefined;
    };
  }

  /** The model ref to load: the link's while served, else null (the default) and a note. */
  private async resolvePin(): Promise<string | null> {
    const pin = this.host.pin;
    if (!pin) return null;
    const [{ catalogue }, { resolveModelRef }] = await Promise.all([import('../../model/assets'), import('../../model/catalogue')]);
    try {
      const resolved = resolveModelRef(await catalogue(), formatPin(pin));
      this.stale = resolved.note ?? null;
      return resolved.note ? null : formatPin(pin);
    } catch {
      return null; // no catalogue: the load itself reports the failure with Retry
    }
  }

  failed(e: unknown): void {
    this.status.failed(e);
    this.onError(e);
  }

  /** Notes the host shows: the link's model is no longer served. */
  notes(): string[] {
    return this.stale ? [this.stale] : [];
  }

  /** The status line: example or live, and for which model and text. */
  source(origin: NumbersOrigin | null, stateText: string): void {
    this.status.source(origin, stateText);
  }
}
