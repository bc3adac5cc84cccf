/** The training-cost controls: N and D on log10 sliders, utilisation in percent, the accelerator. */
import type { ControlsSpec, SliderSpec } from '../kit/calc/controls';
import { count } from '../kit/calc/format';
import entry from './entry';
import type { CostState } from './data';

const { N, D, mfu } = entry.state;
const lg = Math.log10;

export const SLIDERS: readonly SliderSpec<CostState>[] = [
  { control: 'N', label: 'Parameters N', min: lg(N.min), max: lg(N.max), step: 0.01, value: (s) => lg(s.N), text: (s) => `${count(s.N)} parameters` },
  { control: 'D', label: 'Training tokens D', min: lg(D.min), max: lg(D.max), step: 0.01, value: (s) => lg(s.D), text: (s) => `${count(s.D)} tokens` },
  {
    control: 'mfu',
    label: 'Utilisation (MFU): share of peak doing model FLOPs',
    min: mfu.min,
    max: mfu.max,
    step: mfu.step,
    value: (s) => s.mfu,
    text: (s) => `${Math.round(s.mfu * 100)} % of peak`,
  },
];

export function applyControl(s: CostState, name: string, raw: string): CostState {
  const v = Number(raw);
  if (name === 'N') return { ...s, N: Number((10 ** v).toPrecision(N.digits)) };
  if (name === 'D') return { ...s, D: Number((10 ** v).toPrecision(D.digits)) };
  if (name === 'mfu') return { ...s, mfu: v };
  if (name === 'gpu') return { ...s, gpu: raw as CostState['gpu'] };
  return s;
}

export const CONTROLS: ControlsSpec<CostState> = { sliders: SLIDERS, selects: ['gpu'], apply: applyControl };
