/** The training-cost sliders: N and D on log10 scales, utilisation in percent. */
import { count } from '../kit/calc/format';
import entry from './entry';
import type { CostState } from './data';

const { N, D, mfu } = entry.state;
const lg = Math.log10;

export const SLIDERS = [
  { control: 'N', label: 'Parameters N', min: lg(N.min), max: lg(N.max), step: 0.01, value: (s: CostState) => lg(s.N), text: (s: CostState) => `${count(s.N)} parameters` },
  { control: 'D', label: 'Training tokens D', min: lg(D.min), max: lg(D.max), step: 0.01, value: (s: CostState) => lg(s.D), text: (s: CostState) => `${count(s.D)} tokens` },
  {
    control: 'mfu',
    label: 'Utilisation (MFU): share of peak doing model FLOPs',
    min: mfu.min,
    max: mfu.max,
    step: mfu.step,
    value: (s: CostState) => s.mfu,
    text: (s: CostState) => `${Math.round(s.mfu * 100)} % of peak`,
  },
] as const;

export function applyControl(s: CostState, name: string, raw: string): CostState {
  const v = Number(raw);
  if (name === 'N') return { ...s, N: Number((10 ** v).toPrecision(N.digits)) };
  if (name === 'D') return { ...s, D: Number((10 ** v).toPrecision(D.digits)) };
  if (name === 'mfu') return { ...s, mfu: v };
  if (name === 'gpu') return { ...s, gpu: raw as CostState['gpu'] };
  return s;
}
