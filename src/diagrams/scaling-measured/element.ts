/**
 * <glassbox-scaling-measured>: the calculator element (../calc/element.ts); compute() fits the
 * law to the committed measurements in the browser each time the held-out set or the way
 * parameters are counted changes.
 */
import { CalcElement, type RenderFn } from '../kit/calc/element';
import scalingMeasured from './entry';
import { measuredExport, type FamilyFile, type MeasuredExport, type MeasuredState } from './data';

export class GlassboxScalingMeasured extends CalcElement<MeasuredState, MeasuredExport> {
  protected readonly entry = scalingMeasured;
  private family: FamilyFile | null | undefined;

  protected compute(state: MeasuredState): MeasuredExport {
    if (this.family === undefined) this.family = JSON.parse(this.el('family').textContent || 'null') as FamilyFile | null;
    return measuredExport(this.family, state);
  }

  protected async loadRender(): Promise<RenderFn<MeasuredExport>> {
    return (await import('./render')).render;
  }

  protected applyControl(state: MeasuredState, name: string, value: string): MeasuredState {
    if (name === 'val') return { ...state, val: value as MeasuredState['val'] };
    if (name === 'params') return { ...state, params: value as MeasuredState['params'] };
    return state;
  }

  protected syncControls(state: MeasuredState): void {
    this.syncSelect('val', state.val);
    this.syncSelect('params', state.params);
  }
}

if (!customElements.get('glassbox-scaling-measured')) customElements.define('glassbox-scaling-measured', GlassboxScalingMeasured);
