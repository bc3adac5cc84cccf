/**
 * Page side of tokenization: the site model's tokenizer through src/model's worker, the OpenAI
 * encodings through tiktoken.worker.ts. Neither runs on the main thread, so long text keeps the
 * page responsive. Loaded only when a tokenization diagram comes near the viewport.
 */
import { getTokenizer } from '../../../model/client';
import { TOKENIZERS, type OpenAiName, type PieceToken, type TokenizerName, type Tokenized } from '../tokenizers/tokenizers';

/**
 * A caller's request still running after this long (ms) is abandoned when the same caller asks
 * again, by restarting the worker: BPE is quadratic in the length of a chunk, so a 100 kB run of
 * letters can take minutes, and the reader has moved on. Other callers' requests are sent again
 * to the new worker, so one diagram's abandoned text never starves another.
 */
const STALE_MS = 1500;

type Reply = { id: number; ok: true; result: Tokenized } | { id: number; ok: false; error: string };
interface Pending {
  key: string;
  name: OpenAiName;
  text: string;
  since: number;
  resolve: (r: Tokenized | undefined) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
let nextCaller = 1;
const pending = new Map<number, Pending>();

/** A key for one diagram instance; a newer request under the same key supersedes an older one. */
export function newCaller(): string {
  return `caller-${nextCaller++}`;
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../tokenizers/tiktoken.worker.ts', import.meta.url), { type: 'module', name: 'glassbox-tiktoken' });
  w.onmessage = (ev: MessageEvent<Reply>) => {
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.ok) p.resolve(ev.data.result);
    else p.reject(new Error(ev.data.error));
  };
  w.onerror = (ev) => {
    const message = ev.message || 'The tokenizer worker failed to start.';
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

function restart() {
  worker?.terminate();
  worker = null;
  const w = ensureWorker();
  const now = performance.now();
  for (const [id, p] of pending) {
    p.since = now;
    w.postMessage({ id, name: p.name, text: p.text });
  }
}

function openAi(name: OpenAiName, text: string, caller: string): Promise<Tokenized | undefined> {
  const key = `${caller}:${name}`;
  const now = performance.now();
  let stale = false;
  for (const [id, p] of pending) {
    if (p.key !== key) continue;
    stale ||= now - p.since > STALE_MS;
    pending.delete(id);
    p.resolve(undefined);
  }
  if (stale) restart();
  const w = ensureWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { key, name, text, since: now, resolve, reject });
    w.postMessage({ id, name, text });
  });
}

/** Undefined when the request was abandoned for a newer one. */
export async function tokenize(name: TokenizerName, text: string, caller = 'anonymous'): Promise<Tokenized | undefined> {
  if (name !== 'glassbox') return openAi(name, text, caller);
  const r = await getTokenizer().encode(text);
  const tokens: PieceToken[] = r.tokens.map((t) => ({ id: t.id, text: t.text, bytes: t.bytes, rank: t.merge }));
  return { tokenizer: name, model: r.model, text, tokens };
}

/** The site model's merges in rank order (byte-level strings), for the merge replay. */
export async function glassboxMerges() {
  return getTokenizer().merges();
}

/**
 * One diagram's use of the tokenizers, as a part its element composes: its own caller key (its
 * long requests are abandoned for its newer ones, never another diagram's), and only the newest
 * request's answer delivered. An older request resolves to undefined, and its failure is dropped:
 * the reader has moved on from that text.
 */
export class TokenizerSource {
  private readonly caller = newCaller();
  private seq = 0;

  /** `text` under one tokenizer. */
  one(name: TokenizerName, text: string): Promise<Tokenized | undefined> {
    return this.newest(() => tokenize(name, text, this.caller));
  }

  /** `text` under all four, in TOKENIZERS order; undefined if any was abandoned. */
  all(text: string): Promise<Tokenized[] | undefined> {
    return this.newest(async () => {
      const all = await Promise.all(TOKENIZERS.map((t) => tokenize(t, text, this.caller)));
      return all.every((r) => r !== undefined) ? (all as Tokenized[]) : undefined;
    });
  }

  /** The site model's merges in rank order, for the merge replay. */
  merges(): ReturnType<typeof glassboxMerges> {
    return glassboxMerges();
  }

  private async newest<R>(ask: () => Promise<R | undefined>): Promise<R | undefined> {
    const mine = ++this.seq;
    try {
      const r = await ask();
      return mine === this.seq ? r : undefined;
    } catch (e) {
      if (mine === this.seq) throw e;
      return undefined;
    }
  }
}
