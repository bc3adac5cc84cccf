/**
 * <glassbox-scaling-measured>: our measured family on the kit's host (../kit/element.ts). The
 * calculator part (../kit/calc/calculator.ts) fits the law to the committed measurements in the
 * browser at start, and again each time the held-out set or the way parameters are counted changes.
 */
import { Calculator } from '../kit/calc/calculator';
import { DiagramElement } from '../kit/element';
import { CONTROLS } from './controls';
import { measuredExport, type FamilyFile, type MeasuredExport, type MeasuredState } from './data';
import entry from './entry';

export class GlassboxScalingMeasured extends DiagramElement<MeasuredState> {
  protected readonly entry = entry;
  /** The committed measurements, as the page embeds them; read once, on the first fit. */
  private family: FamilyFile | null | undefined;
  private readonly calc: Calculator<MeasuredState, MeasuredExport> = new Calculator(
    this,
    { compute: (state) => measuredExport(this.measurements(), state), load: async () => (await import('./render')).render, controls: CONTROLS },
    this.port(),
  );

  protected connected() {
    this.calc.connect(this.stateFromUrl);
    this.writeState();
  }

  protected start() {
    return this.calc.start();
  }

  protected changed(_prev: MeasuredState, delay: number) {
    this.calc.refresh(delay);
  }

  protected exportBody() {
    return this.calc.data;
  }

  private measurements(): FamilyFile | null {
    if (this.family === undefined) this.family = JSON.parse(this.byRole('family').textContent || 'null') as FamilyFile | null;
    return this.family;
  }
}

if (!customElements.get('glassbox-scaling-measured')) customElements.define('glassbox-scaling-measured', GlassboxScalingMeasured);
