/**
 * The loss curve before any script runs: the shipped training log and the checkpoints models.json
 * lists, drawn with the same render() the page runs. The wrapper embeds `SOURCE` for the browser.
 */
import { CHECKPOINTS, LOG_MODEL, TRAINING_LOG } from '../../data/training-log';
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { controlsFor } from './controls';
import { curveExport, type CurveExport, type CurveSource, type CurveState } from './data';
import { render } from './render';

export const SOURCE: CurveSource = {
  model: LOG_MODEL,
  log: TRAINING_LOG,
  checkpoints: CHECKPOINTS.map(({ step, tokens, val_loss }) => ({ step, tokens, ...(val_loss === undefined ? {} : { val_loss }) })),
};

const train = TRAINING_LOG.train;
/** The step slider's range: the log's first and last steps, every logged interval. */
export const STEPS = { first: train[0]?.step ?? 0, last: train[train.length - 1]?.step ?? 0, every: Number(TRAINING_LOG.config.log_every ?? 1) };
export const CONTROLS = controlsFor(STEPS.first, STEPS.last, STEPS.every);

export function buildView(state: CurveState): BuiltView<CurveExport> {
  return calcView(render, curveExport(SOURCE, state));
}
