/**
 * <glassbox-compute-table>: the training chapter's compute table as a calculator
 * (../kit/calc/calculator-element.ts); our run's numbers are the ones the page embeds from the
 * training log.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { tableExport, type OwnRun, type TableExport, type TableState } from './data';
import entry from './entry';

export const GlassboxComputeTable = calculatorElement<TableState, TableExport>(entry, (host) => {
  let own: OwnRun | undefined;
  return {
    compute: (state) => tableExport((own ??= JSON.parse(host.byRole('own-run').textContent || 'null') as OwnRun), state),
    load: async () => (await import('./render')).render,
    controls: CONTROLS,
  };
});

if (!customElements.get('glassbox-compute-table')) customElements.define('glassbox-compute-table', GlassboxComputeTable);
