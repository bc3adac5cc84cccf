/**
 * The model timeline before any script runs: the cited file (src/data/model-timeline.json) and
 * our model's size, read from models.json (ARCH) and the training log, never typed by hand. The
 * wrapper embeds both for the browser.
 */
import file from '../../data/model-timeline.json' with { type: 'json' };
import { ARCH } from '../../model/architecture';
import { runTotals, TRAINING_LOG } from '../../data/training-log';
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { timelineExport, type OwnModel, type TimelineExport, type TimelineFile, type TimelineState } from './data';
import { render } from './render';

export const FILE = file as TimelineFile;

export const OWN_MODEL: OwnModel = { id: TRAINING_LOG.model, params: ARCH.params, tokens: runTotals(TRAINING_LOG).tokens, context: ARCH.context };

export function buildView(state: TimelineState): BuiltView<TimelineExport> {
  return calcView(render, timelineExport(FILE, OWN_MODEL, state));
}
