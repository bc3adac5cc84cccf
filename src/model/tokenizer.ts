/**
 * The site model's own tokenizer on its own, without the network: what the tokenization
 * diagrams need. It runs transformers.js's tokenizer (loaded from the shipped tokenizer.json)
 * over the whole text, with no truncation to the context and no special tokens added, and
 * hands out the BPE merges so a diagram can replay them.
 */
import { bytesToText, tokenBytes } from './bytes';
import type { Loaded } from './core';
import type { TokenizerModel } from './api';
import type { Token } from './types';

export interface EncodedToken extends Token {
  /** 0-based index of the merge that made this token; null for a single byte or a special token. */
  merge: number | null;
}

export class TokenizerAdapter {
  readonly model: TokenizerModel;
  private readonly tokenizer: Loaded['tokenizer'];
  private readonly vocab: string[] = [];
  private readonly mergeOf = new Map<string, number>();
  /** Merge pairs in rank order, as byte-level strings ("Ġ", "t"). */
  readonly merges: [string, string][];

  constructor(tokenizer: Loaded['tokenizer'], model: TokenizerModel) {
    this.tokenizer = tokenizer;
    this.model = model;
    const v: Map<string, number> | Record<string, number> = tokenizer.get_vocab();
    for (const [tok, id] of v instanceof Map ? v.entries() : Object.entries(v)) this.vocab[id] = tok;
    // transformers.js keeps the parsed tokenizer.json; merges are "a b" strings or [a, b] pairs.
    const raw: (string | [string, string])[] = tokenizer._tokenizerJSON?.model?.merges ?? [];
    this.merges = raw.map((m) => (typeof m === 'string' ? (m.split(' ', 2) as [string, string]) : m));
    this.merges.forEach(([a, b], i) => {
      if (!this.mergeOf.has(a + b)) this.mergeOf.set(a + b, i);
    });
  }

  token(id: number, index: number): EncodedToken {
    const piece = this.vocab[id] ?? '';
    const bytes = tokenBytes(piece);
    if (bytes === null) return { index, id, text: piece, bytes: Array.from(new TextEncoder().encode(piece)), merge: null };
    return { index, id, text: bytesToText(bytes), bytes, merge: this.mergeOf.get(piece) ?? null };
  }

  encode(text: string): EncodedToken[] {
    if (text === '') return [];
    const ids = Array.from(this.tokenizer.encode(text, { add_special_tokens: false }) as ArrayLike<number>, Number);
    return ids.map((id, i) => this.token(id, i));
  }
}
