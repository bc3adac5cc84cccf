/** What the merge replay exports ("Download data", `data-export="json"`). */
import { buildReplay, type Replay } from '../kit/tokenizers/replay';
import type { Tokenized } from '../kit/tokenizers/tokenizers';

export interface MergesExport {
  state: { word: string; step: number };
  /** "example" (computed when the site was built) until the tokenizer has run in the page. */
  source: 'example' | 'model';
  /** The tokenizer whose merges these are: the site model's id and version. */
  model: { id: string; version: string };
  replay: Replay;
  /** The tokenizer's own tokens for the word; the replay's last step must equal them. */
  tokens: { id: number; text: string; bytes: number[] }[];
}

/** The export for `state`: `word`'s replay under the tokenizer's merge ranks, checked against its own tokens. */
export function toExport(
  state: MergesExport['state'],
  source: MergesExport['source'],
  ranks: ReadonlyMap<string, number>,
  tokenized: Pick<Tokenized, 'model' | 'tokens'>,
): MergesExport {
  return {
    state: { ...state },
    source,
    model: { id: tokenized.model.id, version: tokenized.model.version },
    replay: buildReplay(state.word, ranks),
    tokens: tokenized.tokens.map(({ id, text, bytes }) => ({ id, text, bytes })),
  };
}
