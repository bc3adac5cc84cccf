/**
 * BPE training before any script runs: the pure trainer (src/math/bpe.ts) on the state's text,
 * drawn at the state's step with the same render() the page runs. The wrapper and the jsdom
 * gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { train, type TrainExport } from './data';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<TrainExport> {
  const data = train(state, 'example');
  const step = Math.min(state.step, data.result.steps.length);
  return { data, draw: (host) => void render(host, data, { step }) };
}
