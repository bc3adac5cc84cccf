/**
 * The in-context view before any script runs: the build-time example for the state (its sequence
 * and number of copies where the examples hold them, else the default's), drawn with the same
 * render() the page runs. The wrapper and the jsdom gallery both call this.
 */
import examples from '../../data/examples/in-context.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { InContextData } from './data';
import entry from './entry';
import { render } from './render';
import type { InContextBody } from './view';

export type InContextExport = { state: StateOf<typeof entry.state> } & InContextBody;

type Stored = Omit<InContextData, 'model'>;

/** The example for this sequence and count, or the default state's. */
export function exampleBody(state: StateOf<typeof entry.state>): InContextBody {
  const views = examples.views as Stored[];
  const def = { text: entry.state.text.default, repeat: entry.state.repeat.default };
  const find = (s: { text: string; repeat: number }) => views.find((v) => v.sequence === s.text && v.repeat === s.repeat);
  const v = find(state) ?? find(def);
  if (!v) throw new Error('no in-context example for the default state: run npm run examples');
  return { source: 'example', model: { ...examples.model }, ...v, few_shot: examples.few_shot };
}

export function buildView(state: StateOf<typeof entry.state>): BuiltView<InContextExport> {
  const data: InContextExport = { state, ...exampleBody(state) };
  return { data, draw: (host) => void render(host, data, { reducedMotion: true }) };
}
