/// <reference lib="webworker" />
/**
 * The one Web Worker that owns the model. It loads the default model from models.json once (and
 * a kept version that a link names, once per version), with remote loading off and the ONNX
 * runtime's .wasm served from this site, then answers requests one at a time (the message queue
 * serializes them).
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
// Vite emits these as same-origin assets; without them onnxruntime-web fetches from a CDN.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { Adapter, SESSION_OPTIONS, modelInfo } from './core';
import { companionEntry, defaultEntry, entryFolder, fetchCatalogue, modelRef, pretrainedName, resolveModelRef, tokenizerName, type Catalogue, type CatalogueEntry } from './catalogue';
import { pickOutputs } from './trace-memo';
import { TensorF32 } from './tensor';
import { TokenizerAdapter } from './tokenizer';
import type { Reply, Request, WireTensor } from './protocol';
import type { ModelInfo, TraceOutput } from './types';
import { loadCompanionModel, type Companion } from './companion-load';
import { EncoderAdapter, Seq2SeqAdapter } from './companions';

declare const self: DedicatedWorkerGlobalScope;

/** One load per catalogue entry (`<id>@<version>`), and the entry each requested ref resolved to. */
const byEntry = new Map<string, Promise<Adapter>>();
const byRef = new Map<string, Promise<Adapter>>();
let tokenizerOnly: Promise<TokenizerAdapter> | null = null;
/** The companion models by ref (`companion:encoder`, `companion:seq2seq`), each loaded once. */
const companions = new Map<string, Promise<{ adapter: Companion; info: ModelInfo }>>();
let catalogue: Promise<Catalogue> | null = null;

function post(msg: Reply, transfer: Transferable[] = []) {
  self.postMessage(msg, transfer);
}

/** The site's `models/` folder as an absolute URL; `base` is the page's BASE_URL. */
function modelsUrlOf(base: string): string {
  return new URL('models/', new URL(base, self.location.href)).href;
}

/** models.json once per worker; a failed fetch is retried on the next request. */
function catalogueOnce(modelsUrl: string): Promise<Catalogue> {
  if (!catalogue) {
    catalogue = fetchCatalogue(new URL('..', modelsUrl).href);
    catalogue.catch(() => (catalogue = null));
  }
  return catalogue;
}

/** Local files only, from this site; the same settings for the model and the tokenizer. */
function configureEnv(modelsUrl: string) {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a full URL: transformers.js only looks for local files when the path is not http(s).
  env.localModelPath = new URL(modelsUrl).pathname;
  env.useBrowserCache = true; // Cache API: the second visit loads from disk
}

/** The ONNX runtime's .wasm and its loader from this site, never a CDN. */
function setWasmPaths() {
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (onnx.wasm) onnx.wasm.wasmPaths = { wasm: new URL(ortWasm, self.location.href).href, mjs: new URL(ortMjs, self.location.href).href };
}

async function load(modelsUrl: string, entry: CatalogueEntry, ref: string): Promise<Adapter> {
  configureEnv(modelsUrl);
  setWasmPaths();
  // Bytes per file, summed into one progress figure for the visible bar.
  const files = new Map<string, { loaded: number; total: number }>();
  const progress_callback = (p: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (p.status !== 'progress' || !p.file) return;
    files.set(p.file, { loaded: p.loaded ?? 0, total: p.total ?? 0 });
    let loaded = 0;
    let total = 0;
    for (const f of files.values()) {
      loaded += f.loaded;
      total += f.total;
    }
    post({ event: { type: 'progress', loaded, total: Math.max(total, entry.bytes) }, ref });
  };
  const config = (await (await fetch(`${modelsUrl}${entryFolder(entry)}config.json`)).json()) as Record<string, number | string>;
  const name = pretrainedName(entry, env.localModelPath);
  const [tokenizer, model] = await Promise.all([
    AutoTokenizer.from_pretrained(tokenizerName(entry, env.localModelPath), { progress_callback }),
    AutoModelForCausalLM.from_pretrained(name, { dtype: entry.dtype, device: 'wasm', session_options: SESSION_OPTIONS, progress_callback }),
  ]);
  return new Adapter({ model, tokenizer, config }, modelInfo(entry, config));
}

/**
 * The model a ref names (resolveModelRef: an unknown one falls back to the default, as the page's
 * note says), loaded once per entry; failures are forgotten so that Retry loads again.
 */
function adapterFor(base: string, ref: string): Promise<Adapter> {
  let p = byRef.get(ref);
  if (!p) {
    p = (async () => {
      const modelsUrl = modelsUrlOf(base);
      const { entry } = resolveModelRef(await catalogueOnce(modelsUrl), ref);
      const key = modelRef(entry);
      let a = byEntry.get(key);
      if (!a) {
        a = load(modelsUrl, entry, ref);
        byEntry.set(key, a);
        a.catch(() => byEntry.delete(key));
      }
      return a;
    })();
    byRef.set(ref, p);
    p.catch(() => byRef.delete(ref));
  }
  return p;
}

/**
 * The default model's tokenizer without the network (tokenizer.json is ~0.2 MB, the network
 * ~5 MB): the tokenization chapter needs only this. Same catalogue and settings as load().
 */
async function loadTokenizer(base: string): Promise<TokenizerAdapter> {
  const modelsUrl = modelsUrlOf(base);
  const entry = defaultEntry(await catalogueOnce(modelsUrl));
  configureEnv(modelsUrl);
  const tokenizer = await AutoTokenizer.from_pretrained(entry.id);
  return new TokenizerAdapter(tokenizer, { id: entry.id, version: entry.version });
}

/**
 * A companion model, loaded the first time a diagram asks for it (near its viewport), with its
 * own progress, ready and error events under its ref; a failure is forgotten so Retry loads again.
 */
function companionFor(base: string, ref: string): Promise<{ adapter: Companion; info: ModelInfo }> {
  let p = companions.get(ref);
  if (!p) {
    p = (async () => {
      const modelsUrl = modelsUrlOf(base);
      const role = ref.slice('companion:'.length) as 'encoder' | 'seq2seq';
      const entry = companionEntry(await catalogueOnce(modelsUrl), role);
      configureEnv(modelsUrl);
      setWasmPaths();
      const t0 = performance.now();
      const loaded = await loadCompanionModel(entry, modelsUrl, (done, total) =>
        post({ event: { type: 'progress', loaded: done, total }, ref }));
      post({ event: { type: 'ready', model: loaded.info, ms: performance.now() - t0 }, ref });
      return loaded;
    })();
    companions.set(ref, p);
    p.catch((e: unknown) => {
      companions.delete(ref);
      post({ event: { type: 'error', message: e instanceof Error ? e.message : String(e) }, ref });
    });
  }
  return p;
}

/** Replace TensorF32 instances by plain wire objects, collecting buffers to transfer. */
function toWire(value: unknown, transfer: Set<ArrayBuffer>): unknown {
  if (value instanceof TensorF32) {
    // Copy: ORT may reuse output buffers, and a transferred buffer is gone from this side.
    const data = value.data.slice();
    transfer.add(data.buffer as ArrayBuffer);
    return { __tensor: true, data, shape: [...value.shape] } satisfies WireTensor;
  }
  if (Array.isArray(value)) return value.map((v) => toWire(v, transfer));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, transfer)]));
  }
  return value;
}

async function handle(ev: MessageEvent<Request>) {
  const { id, method, args } = ev.data;
  const ref = ev.data.ref ?? '';
  const t0 = performance.now();
  try {
    if (method === 'load') {
      const a = await adapterFor(String(args[0] ?? '/'), ref);
      post({ event: { type: 'ready', model: a.info, ms: performance.now() - t0 }, ref });
      post({ id, ok: true, result: a.info, ms: performance.now() - t0, forwards: [] });
      return;
    }
    if (method === 'encode' || method === 'merges') {
      if (!tokenizerOnly) {
        tokenizerOnly = loadTokenizer(String(args[1] ?? '/'));
        tokenizerOnly.catch(() => (tokenizerOnly = null));
      }
      const t = await tokenizerOnly;
      const result = method === 'encode' ? { model: t.model, tokens: t.encode(String(args[0])) } : { model: t.model, merges: t.merges };
      post({ id, ok: true, result, ms: performance.now() - t0, forwards: [] });
      return;
    }
    if (method === 'companionLoad' || method === 'fill' || method === 'attend' || method === 'translate') {
      const { adapter: c, info } = await companionFor(String(args[0] ?? '/'), ref);
      let result: unknown = info;
      if (method === 'fill' && c instanceof EncoderAdapter) result = await c.fill(String(args[1]), Number(args[2]), Number(args[3] ?? 5));
      else if (method === 'attend' && c instanceof EncoderAdapter) result = await c.attend(String(args[1]));
      else if (method === 'translate' && c instanceof Seq2SeqAdapter) result = await c.translate(String(args[1]), Number(args[2] ?? 16));
      else if (method !== 'companionLoad') throw new Error(`${method} is not a method of ${ref}`);
      const transfer = new Set<ArrayBuffer>();
      post({ id, ok: true, result: toWire(result, transfer), ms: performance.now() - t0, forwards: [] }, [...transfer]);
      return;
    }
    const loaded = byRef.get(ref);
    if (!loaded) throw new Error('model not loaded');
    const a = await loaded;
    let result: unknown;
    if (method === 'tokenize') result = a.tokenize(String(args[0]));
    // Only the outputs asked for are copied across: each tensor is sliced in toWire.
    else if (method === 'trace') result = pickOutputs(await a.trace(String(args[0])), args[1] as TraceOutput[] | undefined);
    else if (method === 'nextTokens') result = await a.nextTokens(String(args[0]), Number(args[1]));
    else if (method === 'continuations') result = await a.continuations(String(args[0]), args[1] as number[][]);
    else if (method === 'generate') result = await a.generate(String(args[0]), args[1] as never);
    else throw new Error(`unknown method ${String(method)}`);
    const transfer = new Set<ArrayBuffer>();
    const wire = toWire(result, transfer);
    post({ id, ok: true, result: wire, ms: performance.now() - t0, forwards: a.takeForwards() }, [...transfer]);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (method === 'load') post({ event: { type: 'error', message }, ref });
    post({ id, ok: false, error: message });
  }
}

/**
 * One request at a time, in arrival order: a handler awaits the model, and without this
 * queue a second message would start while the first is still running.
 */
let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<Request>) => {
  queue = queue.then(() => handle(ev));
};
