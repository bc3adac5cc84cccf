/**
 * Beam search before any script runs: the build-time search (src/data/examples/decoding.json)
 * for the default state, drawn with the same render() the page runs.
 */
import example from '../../data/examples/decoding.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { BeamBody } from './data';
import type { BeamExport } from './element';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<BeamExport> {
  const { state: _s, ...run } = example.beam;
  const body: BeamBody = { source: 'example', model: example.model, ...run };
  return { data: { state, ...body }, draw: (host) => void render(host, body, { reducedMotion: true }) };
}
