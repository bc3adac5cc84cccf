/** The scaling-measured controls: which held-out text, and how parameters are counted. */
import type { ControlsSpec } from '../kit/calc/controls';
import type { MeasuredState } from './data';

export function applyControl(s: MeasuredState, name: string, raw: string): MeasuredState {
  if (name === 'val') return { ...s, val: raw as MeasuredState['val'] };
  if (name === 'params') return { ...s, params: raw as MeasuredState['params'] };
  return s;
}

export const CONTROLS: ControlsSpec<MeasuredState> = { sliders: [], selects: ['val', 'params'], apply: applyControl };
