/** The model-memory controls: N on a log10 slider, and the number format for inference. */
import type { ControlsSpec, SliderSpec } from '../kit/calc/controls';
import { count } from '../kit/calc/format';
import entry from './entry';
import type { MemoryState } from './data';

const { N } = entry.state;

export const NSLIDER: SliderSpec<MemoryState> = {
  control: 'N',
  label: 'Parameters N',
  min: Math.log10(N.min),
  max: Math.log10(N.max),
  step: 0.01,
  value: (s) => Math.log10(s.N),
  text: (s) => `${count(s.N)} parameters`,
};

export function applyControl(s: MemoryState, name: string, raw: string): MemoryState {
  if (name === 'N') return { ...s, N: Number((10 ** Number(raw)).toPrecision(N.digits)) };
  if (name === 'dtype') return { ...s, dtype: raw as MemoryState['dtype'] };
  return s;
}

export const CONTROLS: ControlsSpec<MemoryState> = { sliders: [NSLIDER], selects: ['dtype'], apply: applyControl };
