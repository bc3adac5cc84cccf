/**
 * The scaling-laws controls: what each slider shows for a state, and the state each slider
 * value means. Log sliders move in log10 units. Pure, shared by the .astro (build time) and
 * the element (run time).
 */
import type { ControlsSpec, SliderSpec } from '../kit/calc/controls';
import { count, sci } from '../kit/calc/format';
import entry from './entry';
import { clampPair, toOptimal, withCompute, withSplit, type ScalingState } from './resolve';

const { N, D, C } = entry.state;

const lg = Math.log10;
/** Slider resolution in decades: 0.01 is a 2.3 % step. */
const STEP = 0.01;

export const SLIDERS: readonly SliderSpec<ScalingState>[] = [
  { control: 'N', label: 'Parameters N', min: lg(N.min), max: lg(N.max), step: STEP, value: (s) => lg(s.N), text: (s) => `${count(s.N)} parameters` },
  { control: 'D', label: 'Training tokens D', min: lg(D.min), max: lg(D.max), step: STEP, value: (s) => lg(s.D), text: (s) => `${count(s.D)} tokens` },
  { control: 'C', label: 'Compute C = 6·N·D (keeps D/N)', min: lg(C.min), max: lg(C.max), step: STEP, value: (s) => lg(s.C), text: (s) => `${sci(s.C)} FLOPs` },
  {
    control: 'split',
    label: 'Split at fixed C: tokens per parameter',
    min: -2,
    max: 5,
    step: STEP,
    value: (s) => lg(s.D / s.N),
    text: (s) => `${Number((s.D / s.N).toPrecision(3)).toLocaleString('en-US')} tokens per parameter`,
  },
];

export function applyControl(s: ScalingState, name: string, raw: string): ScalingState {
  const v = Number(raw);
  switch (name) {
    case 'N':
      return clampPair(s, 10 ** v, s.D);
    case 'D':
      return clampPair(s, s.N, 10 ** v);
    case 'C':
      return withCompute(s, 10 ** v);
    case 'split':
      return withSplit(s, 10 ** v);
    case 'law':
      return { ...s, law: raw as ScalingState['law'] };
    case 'optimal':
      return toOptimal(s);
    default:
      return s;
  }
}

export const CONTROLS: ControlsSpec<ScalingState> = { sliders: SLIDERS, selects: ['law'], apply: applyControl };
