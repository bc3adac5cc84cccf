/**
 * The decoding views' model source: the pure loops (src/math/generation.ts) ask for logits after
 * token ids, and this turns that into `continuations` requests on the model, which the worker
 * answers through its KV cache. The same code runs on the live page and in Node (examples, tests).
 */
import type { ModelApi } from '../../../model/api';
import type { LogitsOf } from '../../../math/generation';
import type { ModelInfo, Token, Via } from '../../../model/types';

export interface PromptLogits {
  model: ModelInfo;
  text: string;
  truncated: boolean;
  tokens: Token[];
  /** The prompt's ids; the loops start from them. */
  ids: number[];
  /** Length V: the logits after the prompt alone. */
  first: Float32Array;
  logitsOf: LogitsOf;
  /** Logits after several sequences in one request; `onBatch` hears each batch's size. */
  batchOf: (seqs: number[][]) => Promise<Float32Array[]>;
}

/** How many sequences one request carries: small enough that a progress bar moves. */
const BATCH = 8;

export interface Hooks {
  /** A batch of `done` sequences was answered. */
  onBatch?: (done: number) => void;
  /** One `logitsOf` call took `ms` (request to answer, on this side), answered `via`. */
  onCall?: (ms: number, via: Via) => void;
}

export async function promptLogits(api: Pick<ModelApi, 'continuations'>, text: string, hooks: Hooks = {}): Promise<PromptLogits> {
  const r = await api.continuations(text, [[]]);
  const ids = r.tokens.map((t) => t.id);
  const V = r.model.vocabSize;
  const rest = (seq: readonly number[]) => seq.slice(ids.length);
  const rows = (data: Float32Array, n: number) => Array.from({ length: n }, (_, i) => data.subarray(i * V, (i + 1) * V));
  return {
    model: r.model, text: r.text, truncated: r.truncated, tokens: r.tokens, ids,
    first: r.logits.data.slice(0, V),
    logitsOf: async (seq) => {
      const t0 = performance.now();
      const r = await api.continuations(text, [rest(seq)]);
      hooks.onCall?.(performance.now() - t0, r.via[0]);
      return r.logits.data;
    },
    batchOf: async (seqs) => {
      const out: Float32Array[] = [];
      for (let i = 0; i < seqs.length; i += BATCH) {
        const part = seqs.slice(i, i + BATCH);
        out.push(...rows((await api.continuations(text, part.map(rest))).logits.data, part.length));
        hooks.onBatch?.(part.length);
      }
      return out;
    },
  };
}

/** Where a decoding view's numbers come from: the head of every decoding export. */
export interface BodyHead {
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
}

/** The export head for a prompt's logits. */
export function bodyHead(p: Omit<BodyHead, 'source'>, source: BodyHead['source']): BodyHead {
  return { source, model: { id: p.model.id, version: p.model.version }, text: p.text, truncated: p.truncated, tokens: p.tokens.map(({ id, text }) => ({ id, text })) };
}
