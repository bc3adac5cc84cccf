/**
 * Build-time tokens for the example a tokenization diagram shows before its tokenizer loads in
 * the page (Node only: it reads the shipped files from disk). The OpenAI encodings run through
 * js-tiktoken as in the page; the site model's through the pure replay of tokenizer.json's
 * merges (src/math/bpe.ts), which tests/unit/model/bpe-replay.test.ts holds to transformers.js.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bpeEncode, rankTable, symbolBytes } from '../../../math/bpe';
import { tiktokenize } from './tiktoken';
import type { PieceToken, TokenizerName, Tokenized } from './tokenizers';

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

export async function buildTimeTokens(tokenizer: TokenizerName, text: string): Promise<Tokenized> {
  if (tokenizer !== 'glassbox') return tiktokenize(tokenizer, text);
  const s = shippedTokenizer();
  const made = new Map(s.merges.map(([a, b], i) => [a + b, i]));
  const tokens: PieceToken[] = bpeEncode(text, s.ranks).map((sym) => {
    const bytes = symbolBytes(sym) ?? [];
    return { id: s.vocab[sym], text: decoder.decode(new Uint8Array(bytes)), bytes, rank: made.get(sym) ?? null };
  });
  return { tokenizer, model: s.model, text, tokens };
}
