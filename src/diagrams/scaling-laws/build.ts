/**
 * The scaling-laws diagram before any script runs, for a state whose C already agrees with N and
 * D (the wrapper settles it with resolveScaling first); the jsdom gallery calls this too.
 */
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { render } from './render';
import { scalingExport, type ScalingExport, type ScalingState } from './resolve';

export function buildView(state: ScalingState): BuiltView<ScalingExport> {
  return calcView(render, scalingExport(state));
}
