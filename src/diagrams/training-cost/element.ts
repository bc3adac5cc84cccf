/** <glassbox-training-cost>: the calculator element (../calc/element.ts) with this diagram's controls. */
import { CalcElement, type RenderFn } from '../kit/calc/element';
import trainingCost from './entry';
import { applyControl, SLIDERS } from './controls';
import { costExport, type CostExport, type CostState } from './data';

export class GlassboxTrainingCost extends CalcElement<CostState, CostExport> {
  protected readonly entry = trainingCost;

  protected compute(state: CostState): CostExport {
    return costExport(state);
  }

  protected async loadRender(): Promise<RenderFn<CostExport>> {
    return (await import('./render')).render;
  }

  protected applyControl(state: CostState, name: string, value: string): CostState {
    return applyControl(state, name, value);
  }

  protected syncControls(state: CostState): void {
    for (const s of SLIDERS) this.syncSlider(s.control, s.value(state), s.text(state));
    this.syncSelect('gpu', state.gpu);
  }
}

if (!customElements.get('glassbox-training-cost')) customElements.define('glassbox-training-cost', GlassboxTrainingCost);
