/**
 * The tokenizer diagram before any script runs: the state's text under its tokenizer, tokenized
 * at build time (kit/tokenizers/example.ts) and drawn with the same render() the page runs.
 * The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleTokens } from '../kit/tokenizers/example';
import { toData, viewOf, type TokenizerData } from './data';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<TokenizerData> {
  const data = toData(state, 'example', exampleTokens(state.tokenizer, state.text));
  return { data, draw: (host) => void render(host, viewOf(data), { selected: state.token - 1, reducedMotion: true }) };
}
