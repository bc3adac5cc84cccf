/** <glassbox-scaling-laws>: the calculator element (../calc/element.ts) with this diagram's controls. */
import { CalcElement, type RenderFn } from '../calc/element';
import { scalingLaws } from '../registry';
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
    for (const s of SLIDERS) {
      const input = this.querySelector<HTMLInputElement>(`input[data-control="${s.control}"]`);
      const output = this.querySelector(`output[data-output="${s.control}"]`);
      const text = s.text(state);
      // Leave the slider being dragged where the pointer is; its neighbours follow the state.
      if (input && document.activeElement !== input) input.value = String(s.value(state));
      input?.setAttribute('aria-valuetext', text);
      if (output) output.textContent = text;
    }
    const law = this.querySelector<HTMLSelectElement>('select[data-control="law"]');
    if (law) law.value = state.law;
  }
}

if (!customElements.get('glassbox-scaling-laws')) customElements.define('glassbox-scaling-laws', GlassboxScalingLaws);
