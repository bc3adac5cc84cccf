/**
 * The next-token window before any script runs: the build-time example's positions (the state's
 * text where the examples hold a pass for it, else the default text's), drawn with the same
 * render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleBody } from '../kit/window/example';
import type { NextTokenWindowExport } from './element';
import entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<NextTokenWindowExport> {
  const data: NextTokenWindowExport = { state, ...exampleBody(state.text, entry.state.text.default) };
  return { data, draw: (host) => void render(host, data, { position: state.position, reducedMotion: true }) };
}
