/**
 * The page's handle on the model: one lazily created Worker shared by every diagram.
 * Nothing here imports transformers.js, so pages stay light until a diagram asks.
 */
import type { ModelApi, TokenizerApi } from './api';
import type { Reply, Request, WireTensor } from './protocol';
import { TensorF32 } from './tensor';
import type { LoadEvent } from './types';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string };

function fromWire(value: unknown): unknown {
  if (value && typeof value === 'object' && (value as WireTensor).__tensor === true) {
    const w = value as WireTensor;
    return new TensorF32(w.data, w.shape);
  }
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
  }
  return value;
}

function siteBase(): string {
  return (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
}

class WorkerModel implements ModelApi, TokenizerApi {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<(e: LoadEvent) => void>();
  private loading: Promise<import('./types').ModelInfo> | null = null;
  private lastEvent: LoadEvent | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'glassbox-model' });
    w.onmessage = (ev: MessageEvent<Reply>) => this.receive(ev.data);
    w.onerror = (ev) => this.fail(ev.message || 'The model worker failed to start.');
    this.worker = w;
    return w;
  }

  private fail(message: string) {
    this.emit({ type: 'error', message });
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    this.loading = null;
  }

  private emit(e: LoadEvent) {
    this.lastEvent = e;
    this.listeners.forEach((l) => l(e));
  }

  private receive(msg: Reply) {
    if ('event' in msg) {
      this.emit(msg.event);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (!msg.ok) {
      p.reject(new Error(msg.error));
      return;
    }
    // Each forward pass, as timed inside the worker, ends now on the page's timeline.
    const now = performance.now();
    for (const ms of msg.forwards) {
      performance.measure('glassbox:forward', { start: now - ms, duration: ms });
    }
    p.resolve(fromWire(msg.result));
  }

  private call<T>(method: Request['method'], args: unknown[]): Promise<T> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      w.postMessage({ id, method, args } satisfies Request);
    });
  }

  load() {
    if (!this.loading) {
      const start = performance.now();
      this.loading = this.call<import('./types').ModelInfo>('load', [siteBase()]).then(
        (info) => {
          performance.measure('glassbox:model-load', { start, end: performance.now() });
          return info;
        },
        (e: Error) => {
          this.loading = null; // let Retry start again
          throw e;
        },
      );
    }
    return this.loading;
  }

  onEvent(cb: (e: LoadEvent) => void) {
    this.listeners.add(cb);
    if (this.lastEvent) cb(this.lastEvent);
    return () => {
      this.listeners.delete(cb);
    };
  }

  private async after<T>(method: Request['method'], args: unknown[]): Promise<T> {
    await this.load();
    return this.call<T>(method, args);
  }

  tokenize(text: string) {
    return this.after<Awaited<ReturnType<ModelApi['tokenize']>>>('tokenize', [text]);
  }
  trace(text: string) {
    return this.after<Awaited<ReturnType<ModelApi['trace']>>>('trace', [text]);
  }
  nextTokens(text: string, k: number) {
    return this.after<Awaited<ReturnType<ModelApi['nextTokens']>>>('nextTokens', [text, k]);
  }
  generate(prompt: string, opts: Parameters<ModelApi['generate']>[1]) {
    return this.after<Awaited<ReturnType<ModelApi['generate']>>>('generate', [prompt, opts]);
  }
  /** Tokenizer only: no `after`, so the network is not downloaded for these. */
  encode(text: string) {
    return this.call<Awaited<ReturnType<TokenizerApi['encode']>>>('encode', [text, siteBase()]);
  }
  merges() {
    return this.call<Awaited<ReturnType<TokenizerApi['merges']>>>('merges', [undefined, siteBase()]);
  }
}

let instance: WorkerModel | null = null;

/** The page-wide model; the worker starts on the first request, not on import. */
export function getModel(): ModelApi {
  if (!instance) instance = new WorkerModel();
  return instance;
}

/** The default model's tokenizer, in the same worker; it never waits for the network. */
export function getTokenizer(): TokenizerApi {
  if (!instance) instance = new WorkerModel();
  return instance;
}

/**
 * Wrap an async function so that only the most recent call's result is delivered; older
 * calls resolve to undefined. Diagrams use it so a stale result never overwrites a newer one.
 */
export function latest<A extends unknown[], R>(fn: (...a: A) => Promise<R>): (...a: A) => Promise<R | undefined> {
  let seq = 0;
  return async (...a: A) => {
    const mine = ++seq;
    const r = await fn(...a);
    return mine === seq ? r : undefined;
  };
}
