/**
 * What the tokenizer diagram exports (“Download data”, the `data-export="json"` element), and
 * how a tokenizer's answer becomes it. Pure, so the build-time example and tests share it.
 */
import type entry from './entry';
import type { StateOf } from '../kit/schema';
import type { TokenizerName, Tokenized } from '../kit/tokenizers/tokenizers';
import { countsOf, type Counts } from '../kit/tokenizers/view';
import type { TokenizerViewData } from './render';

type State = StateOf<typeof entry.state>;

export interface TokenizerExport {
  state: State;
  /** "example" (computed when the site was built) until the tokenizer has run in the page. */
  source: 'example' | 'model';
  /** The tokenizer these tokens come from; differs from state.tokenizer while another loads. */
  tokenizer: TokenizerName;
  /** The encoder: the model id and version, or the encoding and js-tiktoken's version. */
  model: { id: string; version: string };
  /** The text these tokens are for; differs from state.text while an older result is shown. */
  text: string;
  tokens: { id: number; text: string; bytes: number[] }[];
  counts: Counts;
}

/** Everything the element keeps: the export plus each token's rank, which the view shows. */
export interface TokenizerData extends TokenizerExport {
  ranks: (number | null)[];
}

export function toData(state: State, source: TokenizerData['source'], r: Tokenized): TokenizerData {
  return {
    state,
    source,
    tokenizer: r.tokenizer,
    model: r.model,
    text: r.text,
    tokens: r.tokens.map(({ id, text, bytes }) => ({ id, text, bytes })),
    counts: countsOf(r.text, r.tokens),
    ranks: r.tokens.map((t) => t.rank),
  };
}


/** What render() draws: the tokens with their ranks back in. */
export function viewOf(d: TokenizerData): TokenizerViewData {
  return { tokenizer: d.tokenizer, text: d.text, tokens: d.tokens.map((t, i) => ({ ...t, rank: d.ranks[i] ?? null })), counts: d.counts };
}
