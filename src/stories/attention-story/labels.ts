/**
 * What the story's prose needs from heads.json's labels: which name a measured pattern (as
 * training/heads.py writes them) and how many heads carry each label.
 */
import type { HeadScores } from '../../model/assets';

/** The labels training/heads.py gives a head whose probe stood out; anything else ("broad", "mixed") names none. */
const PATTERNS = new Set(['previous-token', 'first-token (sink)', 'self', 'induction', 'pronoun → antecedent']);

/** True when a label names one of the measured patterns, false for "broad", "mixed" and the like. */
export function isPattern(label: string): boolean {
  return PATTERNS.has(label);
}

/** How many heads carry each label, most common first, e.g. [["broad", 22], ["previous-token", 12]]. */
export function labelCounts(h: HeadScores): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of h.labels) for (const label of row) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
