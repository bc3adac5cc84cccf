/** What the merge replay exports ("Download data", `data-export="json"`). */
import type { Replay } from '../kit/tokenizers/replay';

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
