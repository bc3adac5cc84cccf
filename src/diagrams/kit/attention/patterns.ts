/**
 * The model's measured head patterns (heads.json, written by training/heads.py and loaded by
 * src/model/assets.ts), turned into reader-facing labels: the pattern's name, a short form for a
 * small cell, and the score behind it. Scores are mean attention weights (0..1) on a probe,
 * [layer][head] 0-based as in heads.json.
 */
import type { HeadScores, ScoreKey } from '../../../model/assets';

export interface HeadPattern {
  /** The label as heads.json writes it, e.g. "previous-token" or "broad". */
  label: string;
  /** A few characters for a small cell, e.g. "prev". */
  short: string;
  /** False for a label that names no pattern ("broad", "mixed"): no probe stood out. */
  patterned: boolean;
  /** The score behind the label; without a pattern, that of the probe that came closest. */
  score: number;
  /** That score over an even spread's, when heads.json has it. */
  lift?: number;
  /** Which probe that score comes from. */
  key: ScoreKey;
}

/** Label text (as training/heads.py names them) → probe and short form. */
const KNOWN: Record<string, { key: ScoreKey; short: string }> = {
  'previous-token': { key: 'previous_token', short: 'prev' },
  'first-token (sink)': { key: 'first_token', short: 'first' },
  self: { key: 'self', short: 'self' },
  induction: { key: 'induction', short: 'induct' },
  'pronoun → antecedent': { key: 'pronoun', short: 'pron' },
};

export const PROBE_NAMES: Record<ScoreKey, string> = {
  previous_token: 'previous token',
  first_token: 'first token',
  self: 'itself',
  induction: 'induction',
  pronoun: 'pronoun → antecedent',
};

const KEYS = Object.keys(PROBE_NAMES) as ScoreKey[];

/** True when a label names one of the measured patterns, false for "broad", "mixed" and the like. */
export function isPattern(label: string): boolean {
  return label in KNOWN;
}

/** The few characters a small cell shows for a label, e.g. "prev" for "previous-token". */
export function shortLabel(label: string): string {
  return KNOWN[label]?.short ?? Array.from(label).slice(0, 6).join('');
}

/** The pattern of one head; `layer` and `head` are 0-based, as in heads.json. */
export function headPattern(h: HeadScores, layer: number, head: number): HeadPattern {
  const label = h.labels[layer]?.[head] ?? '';
  const score = (key: ScoreKey) => h.scores[key]?.[layer]?.[head] ?? 0;
  const lift = (key: ScoreKey) => h.lift?.[key]?.[layer]?.[head];
  // Without a pattern, the closest probe: by lift when the file has it (its labels are chosen by lift).
  const rank = (key: ScoreKey) => lift(key) ?? score(key);
  const key = KNOWN[label]?.key ?? KEYS.reduce((a, b) => (rank(b) > rank(a) ? b : a), KEYS[0]);
  const out: HeadPattern = { label, short: shortLabel(label), patterned: isPattern(label), score: score(key), key };
  const l = lift(key);
  if (l !== undefined) out.lift = l;
  return out;
}

/** How many heads carry each label, most common first, e.g. [["broad", 22], ["previous-token", 12]]. */
export function labelCounts(h: HeadScores): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of h.labels) for (const label of row) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
