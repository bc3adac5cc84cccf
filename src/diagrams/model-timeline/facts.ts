/**
 * Numbers for the abilities chapter's prose, read from the same cited file and build-time model
 * facts as the timeline, so no sentence states a size by hand: `size('gpt-3', 'params')` → "175 B".
 */
import { FILE, OWN_MODEL } from './build';
import { valueText, type Measure } from './data';

export function size(id: string, key: Measure, opts: { bare?: boolean } = {}): string {
  if (id === 'ours') return valueText({ value: OWN_MODEL[key], source: { paper: '', location: '' } }, key);
  const row = FILE.rows.find((r) => r.id === id);
  if (!row) throw new Error(`model-timeline.json has no model ${id}`);
  // `bare`: without " (estimate)", for a sentence that already says it is one.
  return valueText(opts.bare ? { ...row[key], estimate: false } : row[key], key);
}

/** How many times one model's figure exceeds another's, rounded for prose: "about 40,800". */
export function times(big: string, small: string, key: Measure): string {
  const v = (id: string) => (id === 'ours' ? OWN_MODEL[key] : FILE.rows.find((r) => r.id === id)?.[key].value);
  const a = v(big);
  const b = v(small);
  if (!a || !b) throw new Error(`no ${key} for ${big} or ${small}`);
  return `about ${Number((a / b).toPrecision(3)).toLocaleString('en-US')}`;
}
