/** <glassbox-scaling-laws>: the calculator element (../calc/element.ts) with this diagram's controls. */
import { CalcElement, type RenderFn } from '../kit/calc/element';
import scalingLaws from './entry';
import { applyControl, SLIDERS } from './controls';
import { resolveScaling, scalingExport, type ScalingExport, type ScalingState } from './resolve';

export class GlassboxScalingLaws extends CalcElement<ScalingState, ScalingExport> {
  protected readonly entry = scalingLaws;

  protected compute(state: ScalingState): ScalingExport {
    return scalingExport(state);
  }

  protected async loadRender(): Promise<RenderFn<ScalingExport>> {
    return (await import('./render')).render;
  }

  protected resolve(state: ScalingState, given: ReadonlySet<string>) {
    return resolveScaling(state, given);
  }

  protected applyControl(state: ScalingState, name: string, value: string): ScalingState {
    return applyControl(state, name, value);
  }

  protected syncControls(state: ScalingState): void {
    for (const s of SLIDERS) this.syncSlider(s.control, s.value(state), s.text(state));
    this.syncSelect('law', state.law);
  }
}

if (!customElements.get('glassbox-scaling-laws')) customElements.define('glassbox-scaling-laws', GlassboxScalingLaws);
