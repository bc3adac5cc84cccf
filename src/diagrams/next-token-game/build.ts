/**
 * The next-token game before any script runs: the state's built-in sentence and round from the
 * build-time example (one forward pass per built-in sentence, src/data/examples/next-token-game.json),
 * drawn with the same render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import examples from '../../data/examples/next-token-game.json' with { type: 'json' };
import { EMPTY_TALLY } from '../../math/next-token';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleBody } from '../kit/window/example';
import type { WindowData } from '../kit/window/data';
import type { NextTokenGameExport } from './element';
import type entry from './entry';
import { buildRound, sentenceText } from './game';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<NextTokenGameExport> {
  const text = sentenceText(state.sentence) ?? '';
  const body = exampleBody(text, text, examples.windows as Omit<WindowData, 'model'>[]);
  const round = buildRound(body, state.sentence, state.round);
  const data: NextTokenGameExport = { state, ...body, model: { id: examples.model.id, version: examples.model.version }, round, tally: EMPTY_TALLY };
  return { data, draw: (host) => void render(host, round, { reducedMotion: true }) };
}
