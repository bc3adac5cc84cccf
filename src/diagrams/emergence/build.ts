/**
 * The emergence diagram before any script runs: the cited results (src/data/emergence.json) and
 * our own runs' sizes (the shipped model from models.json and its training log; the scaling
 * family from src/data/scaling-family.json). The wrapper embeds both for the browser.
 */
import file from '../../data/emergence.json' with { type: 'json' };
import family from '../../data/scaling-family.json' with { type: 'json' };
import { ARCH } from '../../model/architecture';
import { runTotals, TRAINING_LOG } from '../../data/training-log';
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { emergenceExport, type EmergenceExport, type EmergenceFile, type EmergenceState, type OwnRun } from './data';
import { render } from './render';

export const FILE = file as EmergenceFile;

export const OWN_RUNS: OwnRun[] = [
  { id: TRAINING_LOG.model, params: ARCH.params, tokens: runTotals(TRAINING_LOG).tokens, shipped: true },
  ...(family as { runs: { id: string; params: number; tokens: number }[] }).runs.map((r) => ({ id: r.id, params: r.params, tokens: r.tokens, shipped: false })),
];

export function buildView(state: EmergenceState): BuiltView<EmergenceExport> {
  return calcView(render, emergenceExport(FILE, OWN_RUNS, state));
}
