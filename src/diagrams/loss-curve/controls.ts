/** The loss curve's controls: the logged step to read out (a slider over the log's steps), the x axis and the unit. */
import type { ControlsSpec, SliderSpec } from '../kit/calc/controls';
import type { CurveState } from './data';

/** The slider over logged steps; `last` is the final logged step, which `at` = 0 also reads. */
export function stepSlider(first: number, last: number, every: number): SliderSpec<CurveState> {
  const at = (s: CurveState) => (s.at <= 0 ? last : s.at);
  return { control: 'at', label: 'Read out step', min: first, max: last, step: every, value: at, text: (s) => `step ${at(s).toLocaleString('en-US')}` };
}

export function controlsFor(first: number, last: number, every: number): ControlsSpec<CurveState> {
  return {
    sliders: [stepSlider(first, last, every)],
    selects: ['x', 'unit'],
    apply: (s, name, raw) => {
      if (name === 'at') return { ...s, at: Number(raw) };
      if (name === 'x') return { ...s, x: raw as CurveState['x'] };
      if (name === 'unit') return { ...s, unit: raw as CurveState['unit'] };
      return s;
    },
  };
}
