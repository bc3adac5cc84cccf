/**
 * <glassbox-training-cost>: the cost calculator on the kit's host (../kit/element.ts); the
 * calculator part (../kit/calc/calculator.ts) turns 6·N·D into accelerator-days on every change.
 */
import { Calculator } from '../kit/calc/calculator';
import { DiagramElement } from '../kit/element';
import { CONTROLS } from './controls';
import { costExport, type CostExport, type CostState } from './data';
import entry from './entry';

export class GlassboxTrainingCost extends DiagramElement<CostState> {
  protected readonly entry = entry;
  private readonly calc: Calculator<CostState, CostExport> = new Calculator(this, { compute: costExport, load: async () => (await import('./render')).render, controls: CONTROLS }, this.port());

  protected connected() {
    this.calc.connect(this.stateFromUrl);
    this.writeState();
  }

  protected start() {
    return this.calc.start();
  }

  protected changed(_prev: CostState, delay: number) {
    this.calc.refresh(delay);
  }

  protected exportBody() {
    return this.calc.data;
  }
}

if (!customElements.get('glassbox-training-cost')) customElements.define('glassbox-training-cost', GlassboxTrainingCost);
