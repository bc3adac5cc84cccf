/**
 * The page's handle on the model: one lazily created Worker shared by every diagram.
 * Nothing here imports transformers.js, so pages stay light until a diagram asks.
 */
import type { ModelApi, TokenizerApi } from './api';
import { siteBase } from './assets';
import { modelRef } from './catalogue';
import type { Reply, Request, WireTensor } from './protocol';
import { TensorF32 } from './tensor';
import { TraceMemo } from './trace-memo';
import type { LoadEvent, ModelInfo, PartialTrace, Trace, TraceOptions, TraceOutput } from './types';
import type { EncoderAttention, FillMask, Translation } from './companions';

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

/** Traces of this page, shared by every diagram and every handle (keyed by `<id>@<version>`). */
const traces = new TraceMemo(4);

/** The page's one worker and its message plumbing, shared by the handles of every model ref. */
class Channel {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Map<string, Set<(e: LoadEvent) => void>>();
  private lastEvent = new Map<string, LoadEvent>();
  readonly handles = new Set<{ readonly ref: string; forget(): void }>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'glassbox-model' });
    w.onmessage = (ev: MessageEvent<Reply>) => this.receive(ev.data);
    w.onerror = (ev) => this.fail(ev.message || 'The model worker failed to start.');
    this.worker = w;
    return w;
  }

  private fail(message: string) {
    const refs = new Set([...this.listeners.keys(), ...[...this.handles].map((h) => h.ref)]);
    for (const ref of refs) this.emit(ref, { type: 'error', message });
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    this.handles.forEach((h) => h.forget());
  }

  private emit(ref: string, e: LoadEvent) {
    this.lastEvent.set(ref, e);
    this.listeners.get(ref)?.forEach((l) => l(e));
  }

  private receive(msg: Reply) {
    if ('event' in msg) {
      this.emit(msg.ref ?? '', msg.event);
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

  call<T>(method: Request['method'], args: unknown[], ref = ''): Promise<T> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      const req: Request = { id, method, args };
      if (ref) req.ref = ref;
      w.postMessage(req);
    });
  }

  onEvent(ref: string, cb: (e: LoadEvent) => void) {
    let set = this.listeners.get(ref);
    if (!set) this.listeners.set(ref, (set = new Set()));
    set.add(cb);
    const last = this.lastEvent.get(ref);
    if (last) cb(last);
    return () => {
      set.delete(cb);
    };
  }
}

/** One model ref's handle ('' is the default); requests go through the shared channel. */
class WorkerModel implements ModelApi, TokenizerApi {
  private loading: Promise<ModelInfo> | null = null;

  constructor(
    private readonly channel: Channel,
    readonly ref: string,
  ) {
    channel.handles.add(this);
  }

  /** The worker died: the next request loads again. */
  forget() {
    this.loading = null;
  }

  private call<T>(method: Request['method'], args: unknown[]): Promise<T> {
    return this.channel.call<T>(method, args, this.ref);
  }

  load() {
    if (!this.loading) {
      const start = performance.now();
      this.loading = this.call<ModelInfo>('load', [siteBase()]).then(
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
    return this.channel.onEvent(this.ref, cb);
  }

  private async after<T>(method: Request['method'], args: unknown[]): Promise<T> {
    await this.load();
    return this.call<T>(method, args);
  }

  tokenize(text: string) {
    return this.after<Awaited<ReturnType<ModelApi['tokenize']>>>('tokenize', [text]);
  }
  /** Memoised page-wide: one forward pass per model, text and set of outputs (see TraceMemo). */
  trace(text: string): Promise<Trace>;
  trace<K extends TraceOutput>(text: string, opts: TraceOptions<K>): Promise<PartialTrace<K>>;
  async trace(text: string, opts?: TraceOptions): Promise<PartialTrace<TraceOutput>> {
    const info = await this.load();
    return traces.get(
      modelRef(info),
      text,
      opts?.outputs,
      (outputs) => this.call('trace', outputs ? [text, outputs] : [text]),
      opts?.hold,
    );
  }
  nextTokens(text: string, k: number) {
    return this.after<Awaited<ReturnType<ModelApi['nextTokens']>>>('nextTokens', [text, k]);
  }
  continuations(prompt: string, conts: number[][]) {
    return this.after<Awaited<ReturnType<ModelApi['continuations']>>>('continuations', [prompt, conts]);
  }
  generate(prompt: string, opts: Parameters<ModelApi['generate']>[1]) {
    return this.after<Awaited<ReturnType<ModelApi['generate']>>>('generate', [prompt, opts]);
  }
  /** Tokenizer only: no `after`, so the network is not downloaded for these. */
  encode(text: string) {
    return this.channel.call<Awaited<ReturnType<TokenizerApi['encode']>>>('encode', [text, siteBase()]);
  }
  merges() {
    return this.channel.call<Awaited<ReturnType<TokenizerApi['merges']>>>('merges', [undefined, siteBase()]);
  }
}

let channel: Channel | null = null;
const handles = new Map<string, WorkerModel>();

function handle(ref: string): WorkerModel {
  channel ??= new Channel();
  let h = handles.get(ref);
  if (!h) handles.set(ref, (h = new WorkerModel(channel, ref)));
  return h;
}

/**
 * The page-wide model; the worker starts on the first request, not on import. `ref` is a link's
 * `<id>@<version>`: a version the catalogue still serves loads that version, anything else the
 * default (`resolveModelRef` in catalogue.ts gives the note to show). Omitted: the default.
 */
export function getModel(ref?: string | null): ModelApi {
  return handle(ref?.trim() ?? '');
}

/** The default model's tokenizer, in the same worker; it never waits for the network. */
export function getTokenizer(): TokenizerApi {
  return handle('');
}

/** The default model's trace of `text`, memoised page-wide: `getModel().trace` under a name that says so. */
export function traceOnce(text: string): Promise<Trace>;
export function traceOnce<K extends TraceOutput>(text: string, opts: TraceOptions<K>): Promise<PartialTrace<K>>;
export function traceOnce(text: string, opts?: TraceOptions): Promise<PartialTrace<TraceOutput>> {
  return opts ? getModel().trace(text, opts) : getModel().trace(text);
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

/** A companion model's handle: loads on the first request, with its own status events. */
export interface CompanionApi {
  load(): Promise<ModelInfo>;
  onEvent(cb: (e: LoadEvent) => void): () => void;
}
export interface EncoderApi extends CompanionApi {
  /** The text with token `mask` (0-based) blanked, and the encoder's k best guesses for it. */
  fill(text: string, mask: number, k?: number): Promise<FillMask>;
  /** The text as it is (nothing blanked): its tokens and every head's attention. */
  attend(text: string): Promise<EncoderAttention>;
}
export interface Seq2SeqApi extends CompanionApi {
  /** Greedy decoding of the text, with every attention of the result. */
  translate(text: string, maxTokens?: number): Promise<Translation>;
}

class CompanionHandle implements EncoderApi, Seq2SeqApi {
  private loading: Promise<ModelInfo> | null = null;

  constructor(
    private readonly channel: Channel,
    readonly ref: string,
  ) {
    channel.handles.add(this);
  }

  forget() {
    this.loading = null;
  }

  load() {
    if (!this.loading) {
      const start = performance.now();
      this.loading = this.channel.call<ModelInfo>('companionLoad', [siteBase()], this.ref).then(
        (info) => {
          performance.measure('glassbox:model-load', { start, end: performance.now(), detail: this.ref });
          return info;
        },
        (e: Error) => {
          this.loading = null;
          throw e;
        },
      );
    }
    return this.loading;
  }

  onEvent(cb: (e: LoadEvent) => void) {
    return this.channel.onEvent(this.ref, cb);
  }

  async fill(text: string, mask: number, k = 5) {
    await this.load();
    return this.channel.call<FillMask>('fill', [siteBase(), text, mask, k], this.ref);
  }

  async attend(text: string) {
    await this.load();
    return this.channel.call<EncoderAttention>('attend', [siteBase(), text], this.ref);
  }

  async translate(text: string, maxTokens = 16) {
    await this.load();
    return this.channel.call<Translation>('translate', [siteBase(), text, maxTokens], this.ref);
  }
}

const companionHandles = new Map<string, CompanionHandle>();

/** The page-wide handle on a companion model; nothing is fetched until its first request. */
export function getCompanion(role: 'encoder'): EncoderApi;
export function getCompanion(role: 'seq2seq'): Seq2SeqApi;
export function getCompanion(role: 'encoder' | 'seq2seq'): EncoderApi | Seq2SeqApi {
  channel ??= new Channel();
  const ref = `companion:${role}`;
  let h = companionHandles.get(ref);
  if (!h) companionHandles.set(ref, (h = new CompanionHandle(channel, ref)));
  return h;
}
