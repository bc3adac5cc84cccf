/**
 * The sample tree before any script runs: the build-time samples (src/data/examples/decoding.json)
 * for the default state, drawn with the same render() the page runs.
 */
import example from '../../data/examples/decoding.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { TreeBody } from './data';
import type { TreeExport } from './element';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<TreeExport> {
  const { state: _s, ...run } = example.tree;
  const body: TreeBody = { source: 'example', model: example.model, ...run };
  return { data: { state, ...body }, draw: (host) => void render(host, body, { reducedMotion: true }) };
}
