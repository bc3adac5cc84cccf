/**
 * The compute table before any script runs, from the shipped training log (our row) and the
 * published figures; the wrapper embeds `OWN_RUN` for the browser's own recomputation.
 */
import { runTotals, TRAINING_LOG } from '../../data/training-log';
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { tableExport, type OwnRun, type TableExport, type TableState } from './data';
import { render } from './render';

const totals = runTotals(TRAINING_LOG);

export const OWN_RUN: OwnRun = {
  model: TRAINING_LOG.model,
  params: totals.params,
  tokens: totals.tokens,
  seconds: totals.seconds,
  machine: `two ${totals.machine.cpu} CPU cores (${totals.machine.threads})`,
};

export function buildView(state: TableState): BuiltView<TableExport> {
  return calcView(render, tableExport(OWN_RUN, state));
}
