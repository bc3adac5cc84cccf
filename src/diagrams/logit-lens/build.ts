/**
 * The logit lens before any script runs: the build-time example's grid, drawn with the same
 * render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import example from '../../data/examples/logit-lens.json';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import type entry from './entry';
import type { LensExample } from './example';
import { render } from './render';
import { clampIndex } from './view';

export function buildView(state: StateOf<typeof entry.state>): BuiltView {
  const ex = example as LensExample;
  const view = { text: ex.text, tokens: ex.tokens, lens: ex.lens };
  const data = { state, ...exampleHead(ex), lens: ex.lens };
  const token = clampIndex(state.token - 1, ex.tokens.length, 0);
  return { data, draw: (host) => void render(host, view, { layer: state.lens, token, reducedMotion: true }) };
}
