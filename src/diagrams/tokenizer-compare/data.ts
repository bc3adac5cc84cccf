/** What the comparison exports, and how four tokenizers' answers become it. Pure. */
import type { Tokenized } from '../kit/tokenizers/tokenizers';
import { countsOf } from '../kit/tokenizers/view';
import { disagreements, spans } from './align';
import type { CompareView } from './render';

export interface CompareExport {
  state: { text: string };
  /** "example" (computed when the site was built) until every tokenizer has run in the page. */
  source: 'example' | 'model';
  text: string;
  tokenizers: {
    tokenizer: Tokenized['tokenizer'];
    model: Tokenized['model'];
    tokens: { id: number; text: string; bytes: number[] }[];
    counts: ReturnType<typeof countsOf>;
  }[];
  /** Code-point offsets where some but not all tokenizers start a token. */
  disagreements: number[];
}

export function toExport(state: { text: string }, source: CompareExport['source'], all: Tokenized[]): CompareExport {
  const text = all[0]?.text ?? state.text;
  return {
    state,
    source,
    text,
    tokenizers: all.map((r) => ({
      tokenizer: r.tokenizer,
      model: r.model,
      tokens: r.tokens.map(({ id, text: t, bytes }) => ({ id, text: t, bytes })),
      counts: countsOf(r.text, r.tokens),
    })),
    disagreements: disagreements(all.map((r) => spans(r.text, r.tokens))),
  };
}

/** The view needs no ranks: the comparison shows spans, ids and counts. */
export function viewOf(e: CompareExport): CompareView {
  return { text: e.text, rows: e.tokenizers.map((r) => ({ tokenizer: r.tokenizer, tokens: r.tokens.map((t) => ({ ...t, rank: null })), counts: r.counts })) };
}
