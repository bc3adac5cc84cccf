/**
 * <glassbox-model-memory>: the memory calculator (../kit/calc/calculator-element.ts), recomputing
 * the bytes as N or the format moves.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { memoryExport, type MemoryExport, type MemoryState } from './data';
import entry from './entry';

export const GlassboxModelMemory = calculatorElement<MemoryState, MemoryExport>(entry, () => ({
  compute: memoryExport,
  load: async () => (await import('./render')).render,
  controls: CONTROLS,
}));

if (!customElements.get('glassbox-model-memory')) customElements.define('glassbox-model-memory', GlassboxModelMemory);
