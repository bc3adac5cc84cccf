/** What the masks diagram shows before any script runs: the precomputed example, drawn with render(). */
import example from '../../data/examples/attention-masks.json';
import type { BuiltView } from '../kit/build-time';
import { exportBody, fromExample, masksData, type MasksExample, type MasksExport } from './data';
import { render } from './render';

export type MasksState = { text: string; kind: string; layer: number; head: number };

export function buildView(state: MasksState): BuiltView<MasksExport> {
  const data = masksData(fromExample(example as MasksExample), state);
  return { data: { state, ...exportBody(data) }, draw: (host) => void render(host, data, { layer: state.layer, head: state.head, width: 960 }) };
}
