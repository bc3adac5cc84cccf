/**
 * The model API in Node, for vitest and the example-data script: the same Adapter and the
 * same transformers.js `from_pretrained` on the local folder as in the browser.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM, AutoTokenizer, env } from '@huggingface/transformers';
import { Adapter, SESSION_OPTIONS, modelInfo, type Catalogue, type CatalogueEntry } from './core';
import { companionEntry, entryFolder, pretrainedName, resolveModelRef, tokenizerName } from './catalogue';
import { EncoderAdapter, Seq2SeqAdapter } from './companions';
import { pickOutputs } from './trace-memo';
import type { ModelApi, TokenizerApi } from './api';
import { TokenizerAdapter } from './tokenizer';
import type { LoadEvent, TraceOptions } from './types';

export const MODELS_DIR = resolve(process.cwd(), 'public/models');

export function readCatalogue(dir = MODELS_DIR): Catalogue {
  return JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')) as Catalogue;
}

/**
 * `id`: a model id the catalogue lists (not archived); `ref`: a link's `<id>@<version>`, resolved
 * as the page does (an unknown one gives the default). Neither: the default.
 */
export async function loadAdapter(
  opts: { dir?: string; id?: string; ref?: string; dtype?: CatalogueEntry['dtype'] } = {},
): Promise<Adapter> {
  const dir = opts.dir ?? MODELS_DIR;
  const cat = readCatalogue(dir);
  const base = opts.ref !== undefined
    ? resolveModelRef(cat, opts.ref).entry
    : cat.models.find((m) => m.id === (opts.id ?? cat.default) && !m.archived);
  if (!base) throw new Error(`model ${opts.id ?? cat.default} is not in ${dir}/models.json`);
  const entry = { ...base, dtype: opts.dtype ?? base.dtype };
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dir + '/';
  const name = pretrainedName(entry, env.localModelPath);
  const tokenizer = await AutoTokenizer.from_pretrained(tokenizerName(entry, env.localModelPath));
  const model = await AutoModelForCausalLM.from_pretrained(name, { dtype: entry.dtype, session_options: SESSION_OPTIONS });
  const config = JSON.parse(readFileSync(join(dir, entryFolder(entry), 'config.json'), 'utf8'));
  return new Adapter({ model, tokenizer, config }, modelInfo(entry, config));
}

/** ModelApi over an in-process Adapter. */
export function nodeModel(opts: Parameters<typeof loadAdapter>[0] = {}): ModelApi {
  let p: Promise<Adapter> | null = null;
  const listeners = new Set<(e: LoadEvent) => void>();
  const get = () => {
    if (!p) {
      const t0 = performance.now();
      p = loadAdapter(opts).then((a) => {
        listeners.forEach((l) => l({ type: 'ready', model: a.info, ms: performance.now() - t0 }));
        return a;
      });
    }
    return p;
  };
  return {
    load: async () => (await get()).info,
    onEvent: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    tokenize: async (text) => (await get()).tokenize(text),
    // Node keeps tensors in-process, so a subset saves nothing but is honoured for the same shape.
    trace: (async (text: string, o?: TraceOptions) => pickOutputs(await (await get()).trace(text), o?.outputs)) as ModelApi['trace'],
    nextTokens: async (text, k) => (await get()).nextTokens(text, k),
    continuations: async (prompt, conts) => (await get()).continuations(prompt, conts),
    generate: async (prompt, o) => (await get()).generate(prompt, o),
  };
}

/** TokenizerApi in Node: the shipped tokenizer.json through transformers.js, as in the worker. */
export function nodeTokenizer(opts: { dir?: string; id?: string } = {}): TokenizerApi {
  let p: Promise<TokenizerAdapter> | null = null;
  const get = () => {
    if (!p) {
      const dir = opts.dir ?? MODELS_DIR;
      const cat = readCatalogue(dir);
      const entry = cat.models.find((m) => m.id === (opts.id ?? cat.default) && !m.archived);
      if (!entry) throw new Error(`model ${opts.id ?? cat.default} is not in ${dir}/models.json`);
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = dir + '/';
      p = AutoTokenizer.from_pretrained(entry.id).then((t) => new TokenizerAdapter(t, { id: entry.id, version: entry.version }));
    }
    return p;
  };
  return {
    encode: async (text) => {
      const t = await get();
      return { model: t.model, tokens: t.encode(text) };
    },
    merges: async () => {
      const t = await get();
      return { model: t.model, merges: t.merges };
    },
  };
}

/** The architectures chapter's encoder or encoder-decoder, through `from_pretrained` as the GPT. */
export function loadCompanion(role: 'encoder', dir?: string): Promise<EncoderAdapter>;
export function loadCompanion(role: 'seq2seq', dir?: string): Promise<Seq2SeqAdapter>;
export function loadCompanion(role: 'encoder' | 'seq2seq', dir = MODELS_DIR): Promise<EncoderAdapter | Seq2SeqAdapter> {
  // One load per folder and role in a process: the example script and test files ask repeatedly.
  const key = `${dir}:${role}`;
  let p = companionLoads.get(key);
  if (!p) {
    p = loadCompanionOnce(role, dir);
    companionLoads.set(key, p);
    p.catch(() => companionLoads.delete(key));
  }
  return p;
}

const companionLoads = new Map<string, Promise<EncoderAdapter | Seq2SeqAdapter>>();

async function loadCompanionOnce(role: 'encoder' | 'seq2seq', dir: string): Promise<EncoderAdapter | Seq2SeqAdapter> {
  const entry = companionEntry(readCatalogue(dir), role);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dir + '/';
  const tokenizer = await AutoTokenizer.from_pretrained(entry.id);
  const Auto = role === 'encoder' ? AutoModelForMaskedLM : AutoModelForSeq2SeqLM;
  const model = await Auto.from_pretrained(entry.id, { dtype: entry.dtype, session_options: SESSION_OPTIONS });
  const config = JSON.parse(readFileSync(join(dir, entry.id, 'config.json'), 'utf8'));
  return role === 'encoder' ? new EncoderAdapter({ model, tokenizer, config }) : new Seq2SeqAdapter({ model, tokenizer, config });
}
