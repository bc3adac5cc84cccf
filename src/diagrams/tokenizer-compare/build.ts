/**
 * The comparison before any script runs: the state's text under all four tokenizers, tokenized
 * at build time (kit/tokenizers/example.ts) and drawn with the same render() the page runs.
 * The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleTokens } from '../kit/tokenizers/example';
import { TOKENIZERS } from '../kit/tokenizers/tokenizers';
import { toExport, viewOf, type CompareExport } from './data';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<CompareExport> {
  const data = toExport(state, 'example', TOKENIZERS.map((t) => exampleTokens(t, state.text)));
  return { data, draw: (host) => void render(host, viewOf(data), { reducedMotion: true }) };
}
