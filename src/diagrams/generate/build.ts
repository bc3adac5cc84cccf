/**
 * Generation before any script runs: the build-time run (src/data/examples/decoding.json) of the
 * state's settings where the examples hold one (each fixture's), else of the default state,
 * drawn with the same render() the page runs.
 */
import example from '../../data/examples/decoding.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { GenerateBody } from './data';
import type { GenerateExport } from './element';
import type entry from './entry';
import { render } from './render';

type State = StateOf<typeof entry.state>;

const same = (a: State, b: Record<string, unknown>) => Object.entries(a).every(([k, v]) => b[k] === v);

export function buildView(state: State): BuiltView<GenerateExport> {
  const gens = example.generations as unknown as (Omit<GenerateBody, 'source' | 'model'> & { state: State })[];
  const { state: _s, ...run } = gens.find((g) => same(state, g.state)) ?? gens[0];
  const body: GenerateBody = { source: 'example', model: example.model, ...run };
  return { data: { state, ...body }, draw: (host) => void render(host, body, { reducedMotion: true }) };
}
