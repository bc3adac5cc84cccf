/** The model-memory diagram before any script runs; the wrapper and the jsdom gallery both call this. */
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { memoryExport, type MemoryExport, type MemoryState } from './data';
import { render } from './render';

export function buildView(state: MemoryState): BuiltView<MemoryExport> {
  return calcView(render, memoryExport(state));
}
