/** What the BPE training view exports, computed by the pure trainer. */
import { bpeTrain, type TrainResult } from '../../math/bpe';

/** Merges learned at most: the registry's `step` maximum. */
export const MAX_MERGES = 30;

export interface TrainExport {
  state: { text: string; step: number };
  /** "example" (trained when the site was built) until it has trained in the page. */
  source: 'example' | 'model';
  text: string;
  /** Every merge up to MAX_MERGES, with the pair counts before it; symbols are GPT-2 byte-level strings ("Ġ" is a space). */
  result: TrainResult;
}

export function train(state: { text: string; step: number }, source: TrainExport['source']): TrainExport {
  return { state: { ...state }, source, text: state.text, result: bpeTrain(state.text, MAX_MERGES) };
}
