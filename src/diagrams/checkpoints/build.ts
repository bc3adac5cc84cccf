/**
 * The checkpoints diagram before any script runs: the build-time example (what the shipped model,
 * the run's last checkpoint, believes after the default prompt) and the checkpoint list
 * models.json gives, which the wrapper embeds for the scrubber.
 */
import example from '../../data/examples/checkpoints.json' with { type: 'json' };
import { CHECKPOINTS, LOG_MODEL } from '../../data/training-log';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { CheckpointsExport } from './element';
import type entry from './entry';
import { render } from './render';
import type { Belief, CheckpointList } from './view';

export const EXAMPLE = example as Belief;

export const LIST: CheckpointList = { parent: LOG_MODEL, list: CHECKPOINTS.map(({ step, tokens, path, bytes }) => ({ step, tokens, path, bytes })) };

export function buildView(state: StateOf<typeof entry.state>): BuiltView<CheckpointsExport> {
  const data: CheckpointsExport = { state, ...EXAMPLE };
  return { data, draw: (host) => void render(host, EXAMPLE, { reducedMotion: true }) };
}
