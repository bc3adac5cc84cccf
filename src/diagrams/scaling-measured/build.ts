/**
 * The measured family before any script runs: the committed measurements
 * (src/data/scaling-family.json, optional: import.meta.glob finds it or not), the law fitted to
 * them and the chart. The wrapper embeds `family` for the browser's own fit.
 */
import type { BuiltView } from '../kit/build-time';
import { calcView } from '../kit/calc/static';
import { measuredExport, type FamilyFile, type MeasuredExport, type MeasuredState } from './data';
import { render } from './render';

const found: Record<string, { default: FamilyFile }> = import.meta.glob('/src/data/scaling-family.json', { eager: true });
export const family: FamilyFile | null = Object.values(found)[0]?.default ?? null;

export function buildView(state: MeasuredState): BuiltView<MeasuredExport> {
  return calcView(render, measuredExport(family, state));
}
