/** The training-cost chart: accelerator-days on a log scale; see ../calc/bars.ts. */
import { renderBars } from '../kit/calc/bars';
import { costView, type CostExport } from './data';

export const render = renderBars<CostExport>(costView, 'gb-tc');
