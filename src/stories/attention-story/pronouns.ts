/**
 * The attention chapter's "Which head tracks pronouns": hand-written probe sentences, where the
 * pronoun head (heads.json's coreference score, src/model/assets.ts) sends each pronoun's
 * attention, and the prose around them. Every number comes from a trace or from heads.json;
 * the words here are the sentences and the rules. Pure and DOM-free: the build (example data),
 * the page (live traces) and the tests share it.
 */
import type { CoreferenceHead } from '../../model/assets';
import { EXAMPLE_TEXTS } from '../../model/examples';
import { percent } from '../../diagrams/kit/tokens';
import { quoted } from './fills';

export interface Probe {
  text: string;
  /** The pronoun (its first whole-word occurrence is the query) and the noun it means. */
  pronoun: string;
  antecedent: string;
  /** The other nouns before the pronoun that it could wrongly point to. */
  others: string[];
}

export interface ProbeGroup {
  kind: string;
  title: string;
  probes: Probe[];
}

/** Written for this page, in the shape of training/eval/pronouns.tsv; not model output. */
export const PROBE_GROUPS: ProbeGroup[] = [
  {
    kind: 'agreement',
    title: 'Simple sentences, one clear answer',
    probes: [
      { text: EXAMPLE_TEXTS.attention, pronoun: 'it', antecedent: 'cat', others: ['mat'] },
      { text: 'The girl gave the dog a bone because she was kind.', pronoun: 'she', antecedent: 'girl', others: ['dog', 'bone'] },
    ],
  },
  {
    kind: 'distance',
    title: 'Long distance',
    probes: [
      {
        text: 'The cat sat on the mat. The sun was warm, the birds sang in the old tree by the river, and the farmer worked in the garden all morning. At noon it woke up and stretched.',
        pronoun: 'it',
        antecedent: 'cat',
        others: ['mat', 'sun', 'tree', 'river', 'garden', 'morning', 'noon'],
      },
    ],
  },
  {
    kind: 'ambiguous',
    title: 'Only sense decides',
    probes: [
      { text: 'The trophy would not fit into the brown suitcase, since it was too big.', pronoun: 'it', antecedent: 'trophy', others: ['suitcase'] },
      { text: 'The trophy would not fit into the brown suitcase, since it was too small.', pronoun: 'it', antecedent: 'suitcase', others: ['trophy'] },
    ],
  },
  {
    kind: 'style',
    title: 'Not story language',
    probes: [
      { text: 'The tenant shall pay the landlord before the lease expires, unless it is renewed in writing.', pronoun: 'it', antecedent: 'lease', others: ['tenant', 'landlord'] },
      { text: 'The server rejects a request when it is larger than one megabyte.', pronoun: 'it', antecedent: 'request', others: ['server'] },
    ],
  },
];

/** Every probe text once, in page order (the default sentence's trace is shared with the diagrams). */
export const PROBE_TEXTS: string[] = [...new Set(PROBE_GROUPS.flatMap((g) => g.probes.map((p) => p.text)))];

/**
 * The first token of `word` (first whole-word occurrence, case-sensitive) in a tokenized text:
 * the token whose characters include the word's first letter. -1 when it is not there.
 */
export function wordToken(tokens: readonly { text: string }[], word: string): number {
  const text = tokens.map((t) => t.text).join('');
  const m = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'u').exec(text);
  if (!m) return -1;
  let end = 0;
  for (let i = 0; i < tokens.length; i++) {
    end += tokens[i].text.length;
    if (m.index < end) return i;
  }
  return -1;
}

export interface ProbeRow {
  text: string;
  pronoun: string;
  antecedent: string;
  /** 0-based tokens: the pronoun (query), the antecedent, and the strongest key from the pronoun. */
  query: number;
  key: number;
  top: number;
  topText: string;
  topWeight: number;
  /** The weight (0..1) on the antecedent's first token. */
  weight: number;
  /** Right when the antecedent gets more than every other noun before the pronoun (training/coref.py's rule). */
  right: boolean;
}

/** One probe's row from the pronoun head's attention: `from(query)` is that query's row of weights over keys 0..query. */
export function probeRow(probe: Probe, tokens: readonly { text: string }[], from: (query: number) => ArrayLike<number>): ProbeRow | null {
  const query = wordToken(tokens, probe.pronoun);
  const key = wordToken(tokens, probe.antecedent);
  if (query < 0 || key < 0 || key >= query) return null;
  const w = from(query);
  let top = 0;
  for (let j = 1; j <= query; j++) if (w[j] > w[top]) top = j;
  const rivals = probe.others.map((o) => wordToken(tokens, o)).filter((j) => j >= 0 && j < query);
  const right = rivals.every((j) => w[key] > w[j]);
  return { text: probe.text, pronoun: probe.pronoun, antecedent: probe.antecedent, query, key, top, topText: tokens[top].text, topWeight: w[top], weight: w[key], right };
}

/** Simple rules on the held-out sentences, as shares (0..1) of cases they get right. */
export interface Baselines {
  cases: number;
  /** Picking one of the candidate nouns before the pronoun at random (expected share). */
  chance: number;
  /** Always picking the first of them. */
  firstNoun: number;
}

/** training/eval/pronouns.tsv (text, pronoun, antecedent, distractors; `#` comments, a header row) → the rules' scores, by word order. */
export function baselines(tsv: string): Baselines {
  const rows = tsv
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
  let chance = 0;
  let firstNoun = 0;
  for (const [text, pronoun, antecedent, distractors] of rows) {
    const at = (w: string) => new RegExp(`\\b${w}\\b`, 'u').exec(text)?.index ?? Infinity;
    const q = at(pronoun);
    const before = (distractors ?? '').split(',').map((d) => at(d.trim())).filter((i) => i < q);
    chance += 1 / (1 + before.length);
    if (at(antecedent) < Math.min(...before)) firstNoun++;
  }
  const n = rows.length || 1;
  return { cases: rows.length, chance: chance / n, firstNoun: firstNoun / n };
}

/**
 * How far above the better rule the held-out score must be before the prose calls it learned:
 * with about 68 cases a share's standard error is about 6 points, so less than 10 is noise.
 */
export const CLEAR_MARGIN = 0.1;

const where = (h: { layer: number; head: number }) => `layer ${h.layer + 1}, head ${h.head + 1}`;

/** What the pronoun head does on the sentence in the diagram: `query` (its last pronoun) and `key` (the word the walk-through follows). */
export interface OnSentence {
  tokens: readonly { text: string }[];
  query: number;
  key: number;
  /** The pronoun head's weights from `query` over keys 0..query. */
  weights: ArrayLike<number>;
}

/** The section's words that depend on numbers, keyed like the story's other fills. */
export function pronounFills(c: CoreferenceHead | null, base: Baselines | null, s: OnSentence | null): Record<string, string> {
  if (!c) {
    const none = 'This model comes without a pronoun score, so no head is named here.';
    return { 'coref-head': 'no head', 'coref-score': none, 'coref-baseline': '', 'coref-sentence': '' };
  }
  const score =
    c.rival === undefined
      ? `Chosen on either half of the ${c.cases} sentences, the best head is the same: ${where(c)}. ` +
        `On the sentences it was not chosen on, it picks the right noun in ${percent(c.heldOut)} of them.`
      : `Chosen on one half of the ${c.cases} sentences, the best head is ${where(c)}; on the other half it picks the right noun in ${percent(c.heldOut)} of them. ` +
        `Chosen on that other half instead, the best is a different head, ${where(c.rival)}, right in ${percent(c.rival.accuracy)} of the first half. ` +
        `The halves do not agree on a pronoun head, and the two picks average ${percent(c.mean)}.`;
  const sentence = s ? onSentence(c, s) : '';
  if (!base) return { 'coref-head': where(c), 'coref-score': score, 'coref-baseline': '', 'coref-sentence': sentence };
  const better = Math.max(base.chance, base.firstNoun);
  const verdict =
    c.mean >= better + CLEAR_MARGIN
      ? 'The head does clearly better than both, so it has learned something about pronouns that word order alone does not give.'
      : c.mean > better
        ? 'The head does only a little better than the better of them, too little to say it has learned to link pronouns.'
        : 'The head does no better than these simple rules: in sentences like these, this model has not learned to link a pronoun to its noun.';
  const baseline =
    `For comparison, guessing at random among the nouns before the pronoun would be right in ${percent(base.chance)} of these sentences, ` +
    `and always taking the first noun in ${percent(base.firstNoun)}. ${verdict}`;
  return { 'coref-head': where(c), 'coref-score': score, 'coref-baseline': baseline, 'coref-sentence': sentence };
}

function onSentence(c: CoreferenceHead, s: OnSentence): string {
  const q = quoted(s.tokens[s.query].text);
  const k = quoted(s.tokens[s.key].text);
  let top = 0;
  for (let j = 1; j <= s.query; j++) if (s.weights[j] > s.weights[top]) top = j;
  const head = `In the diagram’s sentence, ${where(c)}`;
  if (top === s.key) return `${head} sends the most attention from ${q} to ${k}: ${percent(s.weights[top])}.`;
  return `${head} sends the most attention from ${q} to ${quoted(s.tokens[top].text)} (${percent(s.weights[top])}); ${k} gets ${percent(s.weights[s.key])}.`;
}
