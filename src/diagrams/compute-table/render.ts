/** The compute table's chart: accelerator-days per run on a log scale, and the cited table; see ../kit/calc/bars.ts. */
import { renderBars } from '../kit/calc/bars';
import { tableView, type TableExport } from './data';

export const render = renderBars<TableExport>(tableView, 'gb-ct');
