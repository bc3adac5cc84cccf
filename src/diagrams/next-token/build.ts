/**
 * The next-token diagram before any script runs: the build-time example's ten guesses, drawn
 * with the same render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import example from '../../data/examples/next-token.json';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import type { NextTokenExport } from './element';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<NextTokenExport> {
  const data: NextTokenExport = {
    state,
    ...exampleHead(example),
    top: example.top.map(({ id, text, p }) => ({ id, text, p })),
  };
  return { data, draw: (host) => void render(host, data, { reducedMotion: true }) };
}
