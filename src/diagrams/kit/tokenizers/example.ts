/**
 * Build-time tokens for the example a tokenization diagram shows before its tokenizer loads in
 * the page (Node only: it reads the shipped files from disk). The OpenAI encodings run through
 * js-tiktoken as in the page; the site model's through the pure replay of tokenizer.json's
 * merges (src/math/bpe.ts), which tests/unit/model/bpe-replay.test.ts holds to transformers.js.
 * Synchronous, so each diagram's `buildView(state)` can draw its example in one call; the rank
 * tables are imported statically here (never in the page, which loads them in a worker).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import cl100kRanks from 'js-tiktoken/ranks/cl100k_base';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import { bpeEncode, rankTable, symbolBytes } from '../../../math/bpe';
import { encodeWith } from './tiktoken';
import type { OpenAiName, PieceToken, TokenizerName, Tokenized } from './tokenizers';

interface Shipped {
  model: { id: string; version: string };
  vocab: Record<string, number>;
  merges: [string, string][];
  ranks: Map<string, number>;
}

let shipped: Shipped | null = null;

export function shippedTokenizer(dir = resolve(process.cwd(), 'public/models')): Shipped {
  if (shipped) return shipped;
  const cat = JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')) as { default: string; models: { id: string; version: string }[] };
  const entry = cat.models.find((m) => m.id === cat.default);
  if (!entry) throw new Error('models.json names no default model');
  const json = JSON.parse(readFileSync(join(dir, entry.id, 'tokenizer.json'), 'utf8'));
  const merges = (json.model.merges as (string | [string, string])[]).map((m) => (typeof m === 'string' ? (m.split(' ', 2) as [string, string]) : m));
  shipped = { model: { id: entry.id, version: entry.version }, vocab: json.model.vocab, merges, ranks: rankTable(merges) };
  return shipped;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

const RANKS: Record<OpenAiName, TiktokenBPE> = { gpt2: gpt2Ranks, cl100k: cl100kRanks, o200k: o200kRanks };
/** Built on first use: parsing o200k's ranks takes a few hundred ms. */
const encoders = new Map<OpenAiName, Tiktoken>();

function encoder(name: OpenAiName): Tiktoken {
  let enc = encoders.get(name);
  if (!enc) {
    enc = new Tiktoken(RANKS[name]);
    encoders.set(name, enc);
  }
  return enc;
}

/** The example's tokens, now. */
export function exampleTokens(tokenizer: TokenizerName, text: string): Tokenized {
  if (tokenizer !== 'glassbox') return encodeWith(encoder(tokenizer), tokenizer, text);
  const s = shippedTokenizer();
  const made = new Map(s.merges.map(([a, b], i) => [a + b, i]));
  const tokens: PieceToken[] = bpeEncode(text, s.ranks).map((sym) => {
    const bytes = symbolBytes(sym) ?? [];
    return { id: s.vocab[sym], text: decoder.decode(new Uint8Array(bytes)), bytes, rank: made.get(sym) ?? null };
  });
  return { tokenizer, model: s.model, text, tokens };
}

/** As exampleTokens, for callers written against the earlier asynchronous API (the token story). */
export async function buildTimeTokens(tokenizer: TokenizerName, text: string): Promise<Tokenized> {
  return exampleTokens(tokenizer, text);
}
