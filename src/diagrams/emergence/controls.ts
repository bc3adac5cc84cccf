/** The emergence diagram's controls: three selects, each a state field. */
import type { ControlsSpec } from '../kit/calc/controls';
import type { EmergenceState } from './data';

export function applyControl(s: EmergenceState, name: string, raw: string): EmergenceState {
  if (name === 'panel' || name === 'task' || name === 'metric') return { ...s, [name]: raw } as EmergenceState;
  return s;
}

export const CONTROLS: ControlsSpec<EmergenceState> = { sliders: [], selects: ['panel', 'task', 'metric'], apply: applyControl };
