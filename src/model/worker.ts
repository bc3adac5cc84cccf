/// <reference lib="webworker" />
/**
 * The one Web Worker that owns the model. It loads the default model from models.json once,
 * with remote loading off and the ONNX runtime's .wasm served from this site, then answers
 * requests one at a time (the message queue serializes them).
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
// Vite emits these as same-origin assets; without them onnxruntime-web fetches from a CDN.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { Adapter, SESSION_OPTIONS, modelInfo, type Catalogue } from './core';
import { TensorF32 } from './tensor';
import { TokenizerAdapter } from './tokenizer';
import type { Reply, Request, WireTensor } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let adapter: Promise<Adapter> | null = null;
let tokenizerOnly: Promise<TokenizerAdapter> | null = null;

function post(msg: Reply, transfer: Transferable[] = []) {
  self.postMessage(msg, transfer);
}

async function load(base: string): Promise<Adapter> {
  const modelsUrl = new URL('models/', new URL(base, self.location.href)).href;
  const cat = (await (await fetch(modelsUrl + 'models.json')).json()) as Catalogue;
  const entry = cat.models.find((m) => m.id === cat.default);
  if (!entry) throw new Error('models.json names no default model');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a full URL: transformers.js only looks for local files when the path is not http(s).
  env.localModelPath = new URL(modelsUrl).pathname;
  env.useBrowserCache = true; // Cache API: the second visit loads from disk
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (onnx.wasm) onnx.wasm.wasmPaths = { wasm: new URL(ortWasm, self.location.href).href, mjs: new URL(ortMjs, self.location.href).href };
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
    post({ event: { type: 'progress', loaded, total: Math.max(total, entry.bytes) } });
  };
  const config = (await (await fetch(`${modelsUrl}${entry.id}/config.json`)).json()) as Record<string, number | string>;
  const [tokenizer, model] = await Promise.all([
    AutoTokenizer.from_pretrained(entry.id, { progress_callback }),
    AutoModelForCausalLM.from_pretrained(entry.id, { dtype: entry.dtype, device: 'wasm', session_options: SESSION_OPTIONS, progress_callback }),
  ]);
  return new Adapter({ model, tokenizer, config }, modelInfo(entry, config));
}

/**
 * The default model's tokenizer without the network (tokenizer.json is ~0.2 MB, the network
 * ~5 MB): the tokenization chapter needs only this. Same catalogue and settings as load().
 */
async function loadTokenizer(base: string): Promise<TokenizerAdapter> {
  const modelsUrl = new URL('models/', new URL(base, self.location.href)).href;
  const cat = (await (await fetch(modelsUrl + 'models.json')).json()) as Catalogue;
  const entry = cat.models.find((m) => m.id === cat.default);
  if (!entry) throw new Error('models.json names no default model');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = new URL(modelsUrl).pathname;
  env.useBrowserCache = true;
  const tokenizer = await AutoTokenizer.from_pretrained(entry.id);
  return new TokenizerAdapter(tokenizer, { id: entry.id, version: entry.version });
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
  const t0 = performance.now();
  try {
    if (method === 'load') {
      if (!adapter) {
        adapter = load(String(args[0] ?? '/'));
        adapter.catch(() => (adapter = null)); // a failed load can be retried
      }
      const a = await adapter;
      post({ event: { type: 'ready', model: a.info, ms: performance.now() - t0 } });
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
    if (!adapter) throw new Error('model not loaded');
    const a = await adapter;
    let result: unknown;
    if (method === 'tokenize') result = a.tokenize(String(args[0]));
    else if (method === 'trace') result = await a.trace(String(args[0]));
    else if (method === 'nextTokens') result = await a.nextTokens(String(args[0]), Number(args[1]));
    else if (method === 'generate') result = await a.generate(String(args[0]), args[1] as never);
    else throw new Error(`unknown method ${String(method)}`);
    const transfer = new Set<ArrayBuffer>();
    const wire = toWire(result, transfer);
    post({ id, ok: true, result: wire, ms: performance.now() - t0, forwards: a.takeForwards() }, [...transfer]);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (method === 'load') post({ event: { type: 'error', message } });
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
