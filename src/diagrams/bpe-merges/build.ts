/**
 * The merge replay before any script runs: the state's word replayed through the shipped
 * tokenizer.json's merges at build time, checked against its tokens, and drawn at the state's
 * step with the same render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleTokens, shippedTokenizer } from '../kit/tokenizers/example';
import { toExport, type MergesExport } from './data';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<MergesExport> {
  const data = toExport(state, 'example', shippedTokenizer().ranks, exampleTokens('glassbox', state.word));
  const step = Math.min(state.step, data.replay.steps.length);
  return { data, draw: (host) => void render(host, data, { step, reducedMotion: true }) };
}
