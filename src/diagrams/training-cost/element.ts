/**
 * <glassbox-training-cost>: the cost calculator (../kit/calc/calculator-element.ts), turning
 * 6·N·D into accelerator-days on every change.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { costExport, type CostExport, type CostState } from './data';
import entry from './entry';

export const GlassboxTrainingCost = calculatorElement<CostState, CostExport>(entry, () => ({
  compute: costExport,
  load: async () => (await import('./render')).render,
  controls: CONTROLS,
}));

if (!customElements.get('glassbox-training-cost')) customElements.define('glassbox-training-cost', GlassboxTrainingCost);
