/** The compute table's controls: utilisation in percent and the accelerator. */
import type { ControlsSpec, SliderSpec } from '../kit/calc/controls';
import entry from './entry';
import type { TableState } from './data';

const { mfu } = entry.state;

export const SLIDERS: readonly SliderSpec<TableState>[] = [
  { control: 'mfu', label: 'Utilisation (MFU): share of peak doing model FLOPs', min: mfu.min, max: mfu.max, step: mfu.step, value: (s) => s.mfu, text: (s) => `${Math.round(s.mfu * 100)} % of peak` },
];

export const CONTROLS: ControlsSpec<TableState> = {
  sliders: SLIDERS,
  selects: ['gpu'],
  apply: (s, name, raw) => (name === 'mfu' ? { ...s, mfu: Number(raw) } : name === 'gpu' ? { ...s, gpu: raw as TableState['gpu'] } : s),
};
