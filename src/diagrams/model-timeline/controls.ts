/** The model timeline's controls: the measure on the vertical axis and the highlighted model. */
import type { ControlsSpec } from '../kit/calc/controls';
import type { TimelineState } from './data';

export function applyControl(s: TimelineState, name: string, raw: string): TimelineState {
  if (name === 'y') return { ...s, y: raw as TimelineState['y'] };
  if (name === 'highlight') return { ...s, highlight: raw as TimelineState['highlight'] };
  return s;
}

export const CONTROLS: ControlsSpec<TimelineState> = { sliders: [], selects: ['y', 'highlight'], apply: applyControl };
