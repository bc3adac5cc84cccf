/**
 * The model timeline's numbers: the cited file (src/data/model-timeline.json: each number with
 * its paper and location, estimates flagged) and our own model, whose size comes from
 * models.json and the training log at build time. Pure: both come in as arguments.
 */
import type { StateOf } from '../kit/schema';
import type entry from './entry';

export type TimelineState = StateOf<typeof entry.state>;
export type Measure = 'params' | 'tokens' | 'context';

export interface Source {
  paper: string;
  location: string;
}

export interface Cited {
  /** null: the authors did not publish it (the source says so). */
  value: number | null;
  /** An outside estimate, not the authors' figure: drawn hollow. */
  estimate?: boolean;
  source: Source;
}

export interface TimelineFile {
  description: string;
  rows: { id: string; name: string; org: string; date: string; open: boolean; params: Cited; tokens: Cited; context: Cited; innovation: string }[];
  ours: { date: string; source: Source };
  papers: Record<string, string>;
}

/** Our shipped model, as the build reads it (ARCH.params, the training log's tokens, ARCH.context). */
export interface OwnModel {
  id: string;
  params: number;
  tokens: number;
  context: number;
}

export interface TimelineRow {
  id: string;
  name: string;
  org: string;
  /** Year with the month as a fraction, for the x axis: "2020-05" → 2020.33. */
  year: number;
  date: string;
  params: Cited;
  tokens: Cited;
  context: Cited;
  innovation: string;
  ours: boolean;
}

export interface TimelineExport {
  state: TimelineState;
  measure: { key: Measure; label: string };
  summary: string;
  rows: TimelineRow[];
  /** Sources in full, by the short names the rows use. */
  papers: Record<string, string>;
}

export const MEASURES: Record<Measure, string> = { params: 'parameters', tokens: 'training tokens', context: 'context length (tokens)' };

export function decimalYear(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return y + ((m || 1) - 1) / 12;
}

function fmt(v: number): string {
  for (const [size, unit] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) if (v >= size) return `${Number((v / size).toPrecision(3))} ${unit}`;
  return String(v);
}

/**
 * A cited value as the table and summary write it: "1.7 T (estimate)", or why it is missing.
 * Context lengths are exact powers of two in tokens, so they are written in full ("2,048").
 */
export function valueText(c: Cited, key?: Measure): string {
  if (c.value === null) return 'not published';
  return `${key === 'context' ? c.value.toLocaleString('en-US') : fmt(c.value)}${c.estimate ? ' (estimate)' : ''}`;
}

export function timelineExport(f: TimelineFile, own: OwnModel, state: TimelineState): TimelineExport {
  const rows: TimelineRow[] = f.rows
    .map((r) => ({ id: r.id, name: r.name, org: r.org, year: decimalYear(r.date), date: r.date, params: r.params, tokens: r.tokens, context: r.context, innovation: r.innovation, ours: false }))
    .sort((a, b) => a.year - b.year);
  const src = (what: string): Source => ({ paper: f.ours.source.paper, location: `${f.ours.source.location} (${what})` });
  rows.push({
    id: 'ours',
    name: `${own.id} (this site)`,
    org: 'Glassbox',
    year: decimalYear(f.ours.date),
    date: f.ours.date,
    params: { value: own.params, source: src('params') },
    tokens: { value: own.tokens, source: src('tokens seen at the last logged step') },
    context: { value: own.context, source: src('context') },
    innovation: 'Small enough to run in your browser and to fail where you can see it',
    ours: true,
  });
  const key = (state.y in MEASURES ? state.y : 'params') as Measure;
  const shown = rows.filter((r) => r[key].value !== null);
  const ours = rows[rows.length - 1];
  const biggest = shown.filter((r) => !r.ours).reduce((a, b) => ((b[key].value ?? 0) > (a[key].value ?? 0) ? b : a));
  const ratio = (biggest[key].value ?? 0) / (ours[key].value ?? 1);
  const missing = rows.filter((r) => r[key].value === null).map((r) => r.name);
  return {
    state: { ...state },
    measure: { key, label: MEASURES[key] },
    summary:
      `${MEASURES[key][0].toUpperCase()}${MEASURES[key].slice(1)}: from ${valueText(rows[0][key], key)} for ${rows[0].name} to ${valueText(biggest[key], key)} for ${biggest.name}; ` +
      `ours has ${valueText(ours[key], key)}, ${ratio >= 10 ? `about ${fmt(ratio)} times fewer` : `${ratio.toFixed(1)} times fewer`} than ${biggest.name}.` +
      (missing.length ? ` Not published, so not drawn: ${missing.join(', ')}.` : ''),
    rows,
    papers: { ...f.papers },
  };
}
