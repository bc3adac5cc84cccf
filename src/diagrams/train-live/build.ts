/** The train-live diagram before any script runs: an empty run (training happens only in the reader's tab). */
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { TrainLiveExport } from './element';
import type entry from './entry';
import { render } from './render';
import { EMPTY_BODY } from './view';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<TrainLiveExport> {
  const data: TrainLiveExport = { state, ...EMPTY_BODY };
  return { data, draw: (host) => void render(host, EMPTY_BODY, { reducedMotion: true }) };
}
