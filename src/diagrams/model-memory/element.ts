/** <glassbox-model-memory>: the calculator element (../calc/element.ts) with this diagram's controls. */
import { CalcElement, type RenderFn } from '../kit/calc/element';
import modelMemory from './entry';
import { applyControl, NSLIDER } from './controls';
import { memoryExport, type MemoryExport, type MemoryState } from './data';

export class GlassboxModelMemory extends CalcElement<MemoryState, MemoryExport> {
  protected readonly entry = modelMemory;

  protected compute(state: MemoryState): MemoryExport {
    return memoryExport(state);
  }

  protected async loadRender(): Promise<RenderFn<MemoryExport>> {
    return (await import('./render')).render;
  }

  protected applyControl(state: MemoryState, name: string, value: string): MemoryState {
    return applyControl(state, name, value);
  }

  protected syncControls(state: MemoryState): void {
    this.syncSlider('N', NSLIDER.value(state), NSLIDER.text(state));
    this.syncSelect('dtype', state.dtype);
  }
}

if (!customElements.get('glassbox-model-memory')) customElements.define('glassbox-model-memory', GlassboxModelMemory);
