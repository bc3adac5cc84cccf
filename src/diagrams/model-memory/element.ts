/**
 * <glassbox-model-memory>: the memory calculator on the kit's host (../kit/element.ts), with the
 * calculator part (../kit/calc/calculator.ts) recomputing the bytes as N or the format moves.
 */
import { Calculator } from '../kit/calc/calculator';
import { DiagramElement } from '../kit/element';
import { CONTROLS } from './controls';
import { memoryExport, type MemoryExport, type MemoryState } from './data';
import entry from './entry';

export class GlassboxModelMemory extends DiagramElement<MemoryState> {
  protected readonly entry = entry;
  private readonly calc: Calculator<MemoryState, MemoryExport> = new Calculator(this, { compute: memoryExport, load: async () => (await import('./render')).render, controls: CONTROLS }, this.port());

  protected connected() {
    this.calc.connect(this.stateFromUrl);
    this.writeState();
  }

  protected start() {
    return this.calc.start();
  }

  protected changed(_prev: MemoryState, delay: number) {
    this.calc.refresh(delay);
  }

  protected exportBody() {
    return this.calc.data;
  }
}

if (!customElements.get('glassbox-model-memory')) customElements.define('glassbox-model-memory', GlassboxModelMemory);
