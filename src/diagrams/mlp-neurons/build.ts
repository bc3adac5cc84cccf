/**
 * The MLP-neuron view before any script runs: the build-time example's strongest neurons of the
 * chosen layer, drawn with the same render() the page runs. The wrapper and the jsdom gallery
 * both call this.
 */
import example from '../../data/examples/mlp-neurons.json';
import sample from '../../data/examples/mlp-neurons-sample.json';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import type entry from './entry';
import { neuronsView, type NeuronsExample } from './example';
import { render } from './render';
import type { SampleFile } from './view';

export function buildView(state: StateOf<typeof entry.state>): BuiltView {
  const ex = example as NeuronsExample;
  const view = neuronsView({ kind: 'example', ex }, state.layer, state.neuron, sample as unknown as SampleFile);
  const data = {
    state,
    ...exampleHead(ex),
    layer: state.layer,
    neurons: view.top,
    neuron: view.chosen,
    sample: view.sample,
  };
  return { data, draw: (host) => void render(host, view, { reducedMotion: true }) };
}
