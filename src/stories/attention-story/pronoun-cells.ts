/** The words in one probe row's cells, shared by the build-time table and the live element. */
import { percent } from '../../diagrams/kit/tokens';
import { quoted } from './fills';
import type { ProbeRow } from './pronouns';

export interface RowCells {
  top: string;
  mark: string;
  weight: string;
  /** The mark in words, for screen readers. */
  verdict: string;
}

export function rowCells(r: ProbeRow | null): RowCells {
  if (!r) return { top: '–', mark: '', weight: '–', verdict: '' };
  return {
    top: `${quoted(r.topText)} ${percent(r.topWeight)}`,
    mark: r.right ? '✓' : '✗',
    weight: `${quoted(r.antecedent)} ${percent(r.weight)}`,
    verdict: r.right ? 'more than any other noun before the pronoun' : 'not more than every other noun before the pronoun',
  };
}
