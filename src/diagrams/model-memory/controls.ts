/** The model-memory slider: N on a log10 scale. */
import { count } from '../kit/calc/format';
import entry from './entry';
import type { MemoryState } from './data';

const { N } = entry.state;

export const NSLIDER = {
  label: 'Parameters N',
  min: Math.log10(N.min),
  max: Math.log10(N.max),
  step: 0.01,
  value: (s: MemoryState) => Math.log10(s.N),
  text: (s: MemoryState) => `${count(s.N)} parameters`,
};

export function applyControl(s: MemoryState, name: string, raw: string): MemoryState {
  if (name === 'N') return { ...s, N: Number((10 ** Number(raw)).toPrecision(N.digits)) };
  if (name === 'dtype') return { ...s, dtype: raw as MemoryState['dtype'] };
  return s;
}
