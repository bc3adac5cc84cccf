/**
 * <glassbox-loss-curve>: the shipped model's training log as a calculator
 * (../kit/calc/calculator-element.ts); the log and the checkpoint list are the ones the page embeds.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { controlsFor } from './controls';
import { curveExport, type CurveExport, type CurveSource, type CurveState } from './data';
import entry from './entry';

export const GlassboxLossCurve = calculatorElement<CurveState, CurveExport>(entry, (host) => {
  const src = JSON.parse(host.byRole('log').textContent || 'null') as CurveSource;
  const slider = host.querySelector<HTMLInputElement>('input[data-control="at"]');
  return {
    compute: (state) => curveExport(src, state),
    load: async () => (await import('./render')).render,
    controls: controlsFor(Number(slider?.min ?? 0), Number(slider?.max ?? 0), Number(slider?.step ?? 1)),
  };
});

if (!customElements.get('glassbox-loss-curve')) customElements.define('glassbox-loss-curve', GlassboxLossCurve);
