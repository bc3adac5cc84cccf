/** The model-memory chart: one bar per number format, one for training; see ../calc/bars.ts. */
import { renderBars } from '../kit/calc/bars';
import { memoryView, type MemoryExport } from './data';

export const render = renderBars<MemoryExport>(memoryView, 'gb-mm');
