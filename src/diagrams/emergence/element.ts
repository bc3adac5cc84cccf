/**
 * <glassbox-emergence>: published results as a calculator (../kit/calc/calculator-element.ts).
 * The cited file and our runs' sizes are the ones the page embeds at build time.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { emergenceExport, type EmergenceExport, type EmergenceFile, type EmergenceState, type OwnRun } from './data';
import entry from './entry';

export const GlassboxEmergence = calculatorElement<EmergenceState, EmergenceExport>(entry, (host) => {
  let embedded: { file: EmergenceFile; own: OwnRun[] } | undefined;
  return {
    compute: (state) => {
      embedded ??= JSON.parse(host.byRole('cited').textContent || 'null') as { file: EmergenceFile; own: OwnRun[] };
      return emergenceExport(embedded.file, embedded.own, state);
    },
    load: async () => (await import('./render')).render,
    controls: CONTROLS,
  };
});

if (!customElements.get('glassbox-emergence')) customElements.define('glassbox-emergence', GlassboxEmergence);
