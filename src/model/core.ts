/**
 * The model adapter shared by the worker (browser) and Node: it turns transformers.js
 * outputs into typed, batch-free TensorF32 views. This folder is the only importer of
 * transformers.js; nothing here touches the DOM.
 */
import { Tensor } from '@huggingface/transformers';
import { decodeStep, mulberry32, softmax, topK } from '../math/index';
import { bytesToText, tokenBytes } from './bytes';
import { TensorF32 } from './tensor';
import type { Continuations, GenerateOptions, Via, GenerateStep, ModelInfo, NextToken, Token, Trace } from './types';
import type { NextTokens } from './api';
import type { CatalogueEntry } from './catalogue';

/** The catalogue's types live in catalogue.ts, which pages import without transformers.js. */
export type { Catalogue, CatalogueEntry } from './catalogue';

/** transformers.js model and tokenizer, typed only as far as we use them. */
export interface Loaded {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tokenizer: any;
  config: Record<string, number | string>;
}

/**
 * ONNX Runtime session options for every variant, in Node and in the browser. "basic" keeps
 * the graph's arithmetic as exported: at "all", ORT rewrites DequantizeLinear→MatMul into
 * int8 kernels that also quantize activations, moving q8 logits by ~0.03 away from the
 * PyTorch reference (measured); the golden test holds us to 1e-4 instead.
 * `disable_quant_qdq` lets constant folding treat each weight's DequantizeLinear as an ordinary
 * op, so the int8 weights are dequantized once when the session loads instead of on every run:
 * the same float32 weights, with the per-run cost of a one-token decoding step roughly halved.
 */
export const SESSION_OPTIONS = { graphOptimizationLevel: 'basic', extra: { session: { disable_quant_qdq: '1' } } } as const;

/**
 * Sequences whose keys and values the adapter keeps (least recently used goes first). At 20
 * tokens one entry is 6 layers × 2 × 192 × 20 floats ≈ 0.2 MB, so 128 stay under 30 MB: enough
 * for a sample tree's level or a generation and the forks a reader makes in it.
 */
const KV_ENTRIES = 128;

/** One cached sequence: its next-token logits and every layer's keys and values, by input name. */
interface Cached {
  logits: Float32Array;
  past: Record<string, unknown>;
}

/** Longest text we tokenize, in UTF-16 code units: 256 tokens never need more than this. */
const MAX_CHARS_PER_TOKEN = 32;

export function modelInfo(entry: CatalogueEntry, config: Record<string, number | string>): ModelInfo {
  const nEmbd = Number(config.n_embd);
  const nHead = Number(config.n_head);
  return {
    id: entry.id,
    version: entry.version,
    dtype: entry.dtype,
    bytes: entry.bytes,
    nLayer: Number(config.n_layer),
    nHead,
    nEmbd,
    headDim: nEmbd / nHead,
    vocabSize: Number(config.vocab_size),
    nPositions: Number(config.n_positions),
    eosTokenId: Number(config.eos_token_id),
  };
}

export class Adapter {
  readonly info: ModelInfo;
  private readonly loaded: Loaded;
  private readonly vocab: string[];
  /** Wall-clock ms of each forward pass since the last `takeForwards()`. */
  private forwards: number[] = [];
  /** Recent sequences (ids joined by commas) → their logits and KV cache, oldest first. */
  private readonly kv = new Map<string, Cached>();

  constructor(loaded: Loaded, info: ModelInfo) {
    this.loaded = loaded;
    this.info = info;
    this.vocab = new Array(info.vocabSize).fill('');
    const v: Map<string, number> | Record<string, number> = loaded.tokenizer.get_vocab();
    const entries = v instanceof Map ? v.entries() : Object.entries(v);
    for (const [tok, id] of entries) this.vocab[id] = tok;
  }

  takeForwards(): number[] {
    const f = this.forwards;
    this.forwards = [];
    return f;
  }

  token(id: number, index: number): Token {
    const piece = this.vocab[id] ?? '';
    const bytes = tokenBytes(piece);
    if (bytes === null) {
      // A special token such as <|endoftext|>: shown by name, encoded as its UTF-8.
      return { index, id, text: piece, bytes: Array.from(new TextEncoder().encode(piece)) };
    }
    return { index, id, text: bytesToText(bytes), bytes };
  }

  /** Token ids for a text, cut to the model's context (the first nPositions tokens). */
  encode(text: string): { ids: number[]; truncated: boolean } {
    const limit = this.info.nPositions * MAX_CHARS_PER_TOKEN;
    let cut = false;
    if (text.length > limit) {
      // Cut on a code point boundary so no lone surrogate is created.
      text = Array.from(text.slice(0, limit + 1)).slice(0, -1).join('');
      cut = true;
    }
    if (text.length === 0) return { ids: [], truncated: cut };
    const ids: number[] = Array.from(this.loaded.tokenizer.encode(text, { add_special_tokens: false }) as ArrayLike<number>, Number);
    if (ids.length > this.info.nPositions) {
      return { ids: ids.slice(0, this.info.nPositions), truncated: true };
    }
    return { ids, truncated: cut };
  }

  tokenize(text: string): { tokens: Token[]; truncated: boolean } {
    const { ids, truncated } = this.encode(text);
    return { tokens: ids.map((id, i) => this.token(id, i)), truncated };
  }

  /** One forward pass over ids; returns the raw output tensors by name. */
  private async forward(ids: number[]): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
    const n = ids.length;
    const input_ids = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]);
    const attention_mask = new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
    const t0 = performance.now();
    const out = await this.loaded.model({ input_ids, attention_mask });
    this.forwards.push(performance.now() - t0);
    return out;
  }

  async trace(text: string): Promise<Trace> {
    const { ids, truncated } = this.encode(text);
    const { nLayer: L, nHead: H, nEmbd: d, headDim: dh, vocabSize: V } = this.info;
    const T = ids.length;
    const tokens = ids.map((id, i) => this.token(id, i));
    if (T === 0) {
      const z = (shape: number[]) => new TensorF32(new Float32Array(0), shape);
      return {
        model: this.info, text, truncated, tokens,
        logits: z([0, V]), attentions: z([L, H, 0, 0]), hiddenStates: z([L + 1, 0, d]),
        queries: z([L, H, 0, dh]), keys: z([L, H, 0, dh]), values: z([L, H, 0, dh]),
        attnOutput: z([L, 0, d]), mlpOutput: z([L, 0, d]), mlpActivations: z([L, 0, 4 * d]),
      };
    }
    const o = await this.forward(ids);
    // Batch size is 1, so dropping the batch axis is a reshape over the same memory.
    const t = (name: string, shape: number[]) => new TensorF32(o[name].data as Float32Array, shape);
    return {
      model: this.info, text, truncated, tokens,
      logits: t('logits', [T, V]),
      attentions: t('attentions', [L, H, T, T]),
      hiddenStates: t('hidden_states', [L + 1, T, d]),
      queries: t('queries', [L, H, T, dh]),
      keys: t('keys', [L, H, T, dh]),
      values: t('values', [L, H, T, dh]),
      attnOutput: t('attn_output', [L, T, d]),
      mlpOutput: t('mlp_output', [L, T, d]),
      mlpActivations: t('mlp_activations', [L, T, 4 * d]),
    };
  }

  /** Logits after the last token; an empty text is conditioned on <|endoftext|> (a document start). */
  private async lastLogits(ids: number[]): Promise<Float32Array> {
    const input = ids.length ? ids : [this.info.eosTokenId];
    const o = await this.forward(input);
    const V = this.info.vocabSize;
    return (o.logits.data as Float32Array).subarray((input.length - 1) * V, input.length * V);
  }

  /**
   * Next-token logits after `ids` (the last nPositions of them). A sequence asked before is
   * answered from memory; one whose prefix without its last token was asked before runs that one
   * token against the prefix's keys and values (past_key_values); anything else runs in full.
   */
  async logitsAfter(ids: number[]): Promise<{ logits: Float32Array; via: Via }> {
    const input = ids.length ? ids.slice(-this.info.nPositions) : [this.info.eosTokenId];
    const key = input.join(',');
    const hit = this.kv.get(key);
    if (hit) {
      this.kv.delete(key);
      this.kv.set(key, hit);
      return { logits: hit.logits, via: 'memo' };
    }
    const parent = input.length > 1 ? this.kv.get(input.slice(0, -1).join(',')) : undefined;
    const fed = parent ? input.slice(-1) : input;
    const n = input.length;
    const t0 = performance.now();
    const out = await this.loaded.model({
      input_ids: new Tensor('int64', BigInt64Array.from(fed, BigInt), [1, fed.length]),
      // The mask covers the cached positions and the new ones.
      attention_mask: new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      ...(parent ? { past_key_values: parent.past } : {}),
    });
    this.forwards.push(performance.now() - t0);
    const V = this.info.vocabSize;
    // A copy: ORT may reuse its output buffers.
    const logits = (out.logits.data as Float32Array).slice((fed.length - 1) * V, fed.length * V);
    const past: Record<string, unknown> = {};
    for (const name of Object.keys(out)) if (name.startsWith('present.')) past[name.replace('present.', 'past_key_values.')] = out[name];
    this.kv.set(key, { logits, past });
    if (this.kv.size > KV_ENTRIES) this.kv.delete(this.kv.keys().next().value as string);
    return { logits, via: parent ? 'cache' : 'full' };
  }

  /** Logits after the prompt and each continuation, [N][V], through the KV cache (logitsAfter). */
  async continuations(text: string, conts: number[][]): Promise<Continuations> {
    const { ids, truncated } = this.encode(text);
    const V = this.info.vocabSize;
    const data = new Float32Array(conts.length * V);
    const via: Via[] = [];
    for (let i = 0; i < conts.length; i++) {
      const r = await this.logitsAfter([...ids, ...conts[i]]);
      data.set(r.logits, i * V);
      via.push(r.via);
    }
    return {
      model: this.info, text, truncated,
      tokens: ids.map((id, i) => this.token(id, i)),
      logits: new TensorF32(data, [conts.length, V]),
      via,
    };
  }

  private top(probs: ArrayLike<number>, k: number): NextToken[] {
    return topK(probs, k).map(({ index, p }) => ({ id: index, text: this.token(index, -1).text, p }));
  }

  async nextTokens(text: string, k: number): Promise<NextTokens> {
    const { ids, truncated } = this.encode(text);
    const probs = softmax(await this.lastLogits(ids));
    return {
      model: this.info, text, truncated,
      tokens: ids.map((id, i) => this.token(id, i)),
      top: this.top(probs, k),
    };
  }

  /**
   * Greedy continuation through transformers.js's own `generate()`, which exercises the
   * exported KV cache (past_key_values / present). Used to check the export, not by diagrams.
   */
  async generateWithCache(text: string, maxNewTokens: number): Promise<number[]> {
    const { ids } = this.encode(text);
    const input_ids = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
    const attention_mask = new Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]);
    const out = await this.loaded.model.generate({ input_ids, attention_mask, max_new_tokens: maxNewTokens, do_sample: false });
    return Array.from(out.data as BigInt64Array, Number).slice(ids.length);
  }

  /**
   * Seeded sampling, one full forward pass per step (the context is at most 256 tokens, so
   * recomputing is cheap and every step's distribution is exactly the model's).
   */
  async generate(prompt: string, opts: GenerateOptions): Promise<{ tokens: Token[]; steps: GenerateStep[] }> {
    const { ids } = this.encode(prompt);
    const rng = mulberry32(opts.seed >>> 0);
    const steps: GenerateStep[] = [];
    const seq = [...ids];
    for (let s = 0; s < opts.maxNewTokens; s++) {
      const logits = await this.lastLogits(seq.slice(-this.info.nPositions));
      const step = decodeStep(logits, { temperature: opts.temperature, topK: opts.topK, topP: opts.topP }, rng);
      steps.push({ id: step.index, text: this.token(step.index, seq.length).text, p: step.p, top: this.top(step.probs, 10) });
      seq.push(step.index);
      if (step.index === this.info.eosTokenId) break;
    }
    return { tokens: ids.map((id, i) => this.token(id, i)), steps };
  }
}
