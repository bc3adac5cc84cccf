/**
 * <glassbox-scaling-laws>: the scaling-laws calculator on the kit's host (../kit/element.ts). Its
 * state holds N, D and C = 6·N·D, so the host's resolve hook settles the third from what a link
 * or a control gave; the calculator part (../kit/calc/calculator.ts) recomputes and redraws.
 */
import { Calculator } from '../kit/calc/calculator';
import { DiagramElement } from '../kit/element';
import { normalizeState } from '../kit/state';
import { CONTROLS } from './controls';
import entry from './entry';
import { resolveScaling, scalingExport, type ScalingExport, type ScalingState } from './resolve';

export class GlassboxScalingLaws extends DiagramElement<ScalingState> {
  protected readonly entry = entry;
  private readonly calc: Calculator<ScalingState, ScalingExport> = new Calculator(this, { compute: scalingExport, load: async () => (await import('./render')).render, controls: CONTROLS }, this.port());

  /**
   * Show a state chosen by the page (a scroll story's step), as a link with these keys would.
   * The page URL is left alone and no input event fires: the reader did not choose this view.
   */
  show(partial: Partial<ScalingState>) {
    const prev = this.state;
    const checked = normalizeState({ ...this.state, ...partial }, this.entry.state).state;
    this.state = this.resolve(checked, new Set(Object.keys(partial))).state;
    this.linkNotes = [];
    this.renderNotes();
    this.changed(prev, 0);
    this.writeState();
  }

  protected resolve(state: ScalingState, given: ReadonlySet<string>) {
    return resolveScaling(state, given);
  }

  protected connected() {
    this.calc.connect(this.stateFromUrl);
    this.writeState();
  }

  protected start() {
    return this.calc.start();
  }

  protected changed(_prev: ScalingState, delay: number) {
    this.calc.refresh(delay);
  }

  protected exportBody() {
    return this.calc.data;
  }
}

if (!customElements.get('glassbox-scaling-laws')) customElements.define('glassbox-scaling-laws', GlassboxScalingLaws);
