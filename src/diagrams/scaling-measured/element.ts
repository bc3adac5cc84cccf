/**
 * <glassbox-scaling-measured>: our measured family as a calculator
 * (../kit/calc/calculator-element.ts). It fits the law to the committed measurements in the
 * browser at start, and again each time the held-out set or the way parameters are counted changes.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { measuredExport, type FamilyFile, type MeasuredExport, type MeasuredState } from './data';
import entry from './entry';

export const GlassboxScalingMeasured = calculatorElement<MeasuredState, MeasuredExport>(entry, (host) => {
  /** The committed measurements, as the page embeds them; read once, on the first fit. */
  let family: FamilyFile | null | undefined;
  const measurements = (): FamilyFile | null => {
    if (family === undefined) family = JSON.parse(host.byRole('family').textContent || 'null') as FamilyFile | null;
    return family;
  };
  return {
    compute: (state) => measuredExport(measurements(), state),
    load: async () => (await import('./render')).render,
    controls: CONTROLS,
  };
});

if (!customElements.get('glassbox-scaling-measured')) customElements.define('glassbox-scaling-measured', GlassboxScalingMeasured);
