/**
 * <glassbox-scaling-laws>: the scaling-laws calculator (../kit/calc/calculator-element.ts). Its
 * state holds N, D and C = 6·N·D, so the resolve hook settles the third from what a link or a
 * control gave; the scroll story shows its steps through `show()`.
 */
import { calculatorElement, type CalculatorHost } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import entry from './entry';
import { resolveScaling, scalingExport, type ScalingExport, type ScalingState } from './resolve';

export const GlassboxScalingLaws = calculatorElement<ScalingState, ScalingExport>(entry, () => ({
  compute: scalingExport,
  load: async () => (await import('./render')).render,
  controls: CONTROLS,
  resolve: resolveScaling,
}));

export type GlassboxScalingLaws = CalculatorHost<ScalingState>;

if (!customElements.get('glassbox-scaling-laws')) customElements.define('glassbox-scaling-laws', GlassboxScalingLaws);
