/**
 * LiveModel's counterpart for the architectures chapter's companion models (glassbox-encoder,
 * glassbox-seq2seq): it loads the model only when the host starts (near the viewport), drives the
 * same status lines (progress, error with Retry, live or example), and hands the host the
 * companion's handle once it is ready. Companions have no kept versions, so there is no pin.
 */
import type { EncoderApi, Seq2SeqApi } from '../../model/client';
import type { ModelInfo } from '../../model/types';
import type { DiagramElement } from './element';
import { ModelStatusLines, type NumbersOrigin } from './status';

export type Role = 'encoder' | 'seq2seq';
export type CompanionOf<R extends Role> = R extends 'encoder' ? EncoderApi : Seq2SeqApi;

export class LiveCompanion<R extends Role> {
  readonly status: ModelStatusLines;
  model: CompanionOf<R> | null = null;
  /** The model that answered, once loaded. */
  info: ModelInfo | null = null;

  /** Its status lines and Retry by role: inside `box` when the host shows several models' lines. */
  private readonly get: <T extends HTMLElement = HTMLElement>(role: string) => T;

  constructor(
    private readonly host: DiagramElement,
    private readonly role: R,
    private readonly onReady: () => Promise<void>,
    private readonly onError: (e: unknown) => void = () => {},
    box?: HTMLElement,
  ) {
    this.get = box ? <T extends HTMLElement>(r: string) => box.querySelector(`[data-role="${r}"]`) as T : (r) => host.byRole(r);
    this.status = new ModelStatusLines(this.get);
  }

  /** Wire Retry; call from the host's connected(). */
  wire(): void {
    this.host.listen(this.get('retry'), 'click', () => void this.loadAndRun());
  }

  /** Load the client module and follow the companion (nothing is fetched until load()). */
  async start(): Promise<void> {
    const client = await import('../../model/client');
    if (this.host.life.disposed) return;
    this.model = (this.role === 'encoder' ? client.getCompanion('encoder') : client.getCompanion('seq2seq')) as CompanionOf<R>;
    this.host.life.add(this.status.follow(this.model, (e) => this.failed(e)));
    await this.loadAndRun();
  }

  async loadAndRun(): Promise<void> {
    if (!this.model) return;
    if (!(await this.status.load(this.model, (e) => this.failed(e)))) return;
    this.info = await this.model.load();
    await this.onReady();
  }

  /** Only the newest call's answer is delivered (older ones resolve to undefined). */
  latest<A extends unknown[], T>(ask: (model: CompanionOf<R>, ...a: A) => Promise<T>): (...a: A) => Promise<T | undefined> {
    let seq = 0;
    return async (...a: A) => {
      const mine = ++seq;
      if (!this.model) return undefined;
      const r = await ask(this.model, ...a);
      return mine === seq ? r : undefined;
    };
  }

  failed(e: unknown): void {
    this.status.failed(e);
    this.onError(e);
  }

  /** The status line: example or live, and for which model and text. */
  source(origin: NumbersOrigin | null, stateText: string): void {
    this.status.source(origin, stateText);
  }
}
