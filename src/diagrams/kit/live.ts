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
import { formatPin, stalePinNote, type ModelPin } from './link';
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

  /** Start following and loading the model, then hand over to onReady. */
  async start(): Promise<void> {
    const client = await this.connect();
    if (this.host.life.disposed) return;
    this.model = client.getModel();
    this.host.life.add(this.status.follow(this.model, (e) => this.failed(e)));
    await this.loadAndRun();
  }

  async loadAndRun(): Promise<void> {
    if (!this.model) return;
    if (!(await this.status.load(this.model, (e) => this.failed(e)))) return;
    this.info = await this.model.load();
    this.stale = this.staleNote(this.host.pin, this.info);
    await this.onReady();
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

  private staleNote(pin: ModelPin | null, info: ModelInfo): string | null {
    if (!pin) return null;
    const current = { id: info.id, version: info.version };
    return formatPin(pin) === formatPin(current) ? null : stalePinNote(pin, current);
  }
}
