/**
 * Loading the architectures chapter's companion models inside the worker (worker.ts): the same
 * `from_pretrained` on this site's models/ folder as the GPT, with progress in bytes against the
 * size models.json gives, so the bar's total is fixed from the first event.
 */
import { AutoModelForMaskedLM, AutoModelForSeq2SeqLM, AutoTokenizer } from '@huggingface/transformers';
import { SESSION_OPTIONS } from './core';
import { EncoderAdapter, Seq2SeqAdapter } from './companions';
import type { CompanionEntry } from './catalogue';
import type { ModelInfo } from './types';

export type Companion = EncoderAdapter | Seq2SeqAdapter;

/** What the status lines and exports say about a companion: its id, version and shape. */
export function companionInfo(entry: CompanionEntry, config: Record<string, number | string>): ModelInfo {
  const width = Number(config.hidden_size ?? config.d_model);
  const heads = Number(config.num_attention_heads ?? config.decoder_attention_heads);
  return {
    id: entry.id,
    version: entry.version,
    dtype: entry.dtype,
    bytes: entry.bytes,
    nLayer: Number(config.num_hidden_layers ?? config.decoder_layers),
    nHead: heads,
    nEmbd: width,
    headDim: width / heads,
    vocabSize: Number(config.vocab_size),
    nPositions: Number(config.max_position_embeddings),
    eosTokenId: Number(config.eos_token_id),
  };
}

/**
 * `modelsPath`: env.localModelPath (a path on this site); `modelsUrl`: the same folder as a URL,
 * for config.json. `progress(loaded, total)` in bytes.
 */
export async function loadCompanionModel(
  entry: CompanionEntry,
  modelsUrl: string,
  progress: (loaded: number, total: number) => void,
): Promise<{ adapter: Companion; info: ModelInfo }> {
  const files = new Map<string, number>();
  const progress_callback = (p: { status: string; file?: string; loaded?: number }) => {
    if (p.status !== 'progress' || !p.file) return;
    files.set(p.file, p.loaded ?? 0);
    let loaded = 0;
    for (const v of files.values()) loaded += v;
    progress(Math.min(loaded, entry.bytes), entry.bytes);
  };
  const config = (await (await fetch(`${modelsUrl}${entry.id}/config.json`)).json()) as Record<string, number | string>;
  const Auto = entry.role === 'encoder' ? AutoModelForMaskedLM : AutoModelForSeq2SeqLM;
  const [tokenizer, model] = await Promise.all([
    AutoTokenizer.from_pretrained(entry.id),
    Auto.from_pretrained(entry.id, { dtype: entry.dtype, device: 'wasm', session_options: SESSION_OPTIONS, progress_callback }),
  ]);
  const loaded = { model, tokenizer, config };
  const adapter = entry.role === 'encoder' ? new EncoderAdapter(loaded) : new Seq2SeqAdapter(loaded);
  return { adapter, info: companionInfo(entry, config) };
}
