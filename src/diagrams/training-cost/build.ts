/** The training-cost diagram before any script runs; the wrapper and the jsdom gallery both call this. */
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { costExport, type CostExport, type CostState } from './data';
import { render } from './render';

export function buildView(state: CostState): BuiltView<CostExport> {
  return calcView(render, costExport(state));
}
