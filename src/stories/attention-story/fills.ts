/**
 * The story's words that depend on numbers: each `<Fill k="…"/>` in the chapter is a
 * `[data-fill]` span whose text comes from here, computed from the model's trace (StoryData)
 * and its measured head labels. Nothing the model says is typed into the chapter.
 */
import type { HeadScores } from '../../model/assets';
import { isPattern, labelCounts } from '../../diagrams/kit/attention/patterns';
import { percent, showToken } from '../../diagrams/kit/tokens';
import type { StoryData } from './data';

/** Below this weight (0..1) the chapter says that no head links the two tokens strongly. */
export const STRONG = 0.2;
/** How many of a vector's 32 numbers the prose quotes. */
const FIRST = 4;

/** A number with a real minus sign, as prose should print it. */
export function num(x: number, digits = 2): string {
  if (x === -Infinity) return '−∞';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/** A token as prose quotes it: “cat” (spaces trimmed), or its visible stand-ins if that is all it is. */
export function quoted(text: string): string {
  const t = text.trim();
  return `“${t === '' ? showToken(text) : t}”`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const first = (v: readonly number[]) => `${v.slice(0, FIRST).map((x) => num(x)).join(', ')}, …`;

/** Strongest keys first, e.g. “cat” 42.0%, “The” 30.1%, “it” 8.2%. */
export function topWeights(d: StoryData, n = 3): { index: number; weight: number }[] {
  return d.weights
    .map((weight, index) => ({ index, weight }))
    .filter((e) => e.index <= d.query)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .slice(0, n);
}

/**
 * One sentence on what heads.json says the model's heads do, e.g. "…include 22 “broad”,
 * 12 previous-token and 2 self heads." plus the file's own labelling rule when it has one.
 */
export function labelSummary(h: HeadScores): string {
  const counts = labelCounts(h);
  const total = counts.reduce((a, [, n]) => a + n, 0);
  const name = (label: string) => (isPattern(label) ? label : `“${label}”`);
  const rule = h.label_rule ? ` The labelling rule: ${h.label_rule}.` : '';
  if (counts.length === 1) {
    const [label] = counts[0];
    return isPattern(label)
      ? `Measured over many texts, all ${total} of our model's heads are ${label} heads.${rule}`
      : `Measured over many texts, none of our model's ${total} heads shows one clear pattern: all are labelled ${name(label)}.${rule}`;
  }
  return `Measured over many texts, our model's ${total} heads include ${list(counts.map(([label, n]) => `${n} ${name(label)}`))} heads.${rule}`;
}

export function verdict(d: StoryData, heads: HeadScores | null): string {
  const q = quoted(d.tokens[d.query].text);
  const k = quoted(d.tokens[d.key].text);
  const where = `layer ${d.layer + 1}, head ${d.head + 1}`;
  if (d.weight >= STRONG) {
    return `In ${where}, ${q} puts ${percent(d.weight)} of its attention on ${k}, more than in any other of the ${d.headCount} heads.`;
  }
  const instead = heads ? ` ${labelSummary(heads)}` : '';
  return (
    `No head of this small model links ${q} to ${k} strongly: the best, ${where}, puts only ` +
    `${percent(d.weight)} of the attention from ${q} there.${instead}`
  );
}

export function fillsOf(d: StoryData, heads: HeadScores | null): Record<string, string> {
  const T = d.tokens.length;
  const tok = (i: number) => quoted(d.tokens[i].text);
  const later = d.tokens.slice(d.query + 1).map((t) => quoted(t.text));
  const best = topWeights(d, 1)[0];
  let topScore = 0;
  for (let j = 1; j <= d.query; j++) if (d.scores[j] > d.scores[topScore]) topScore = j;
  const sum = d.weights.reduce((a, b) => a + b, 0);
  return {
    query: tok(d.query),
    key: tok(d.key),
    'query-pos': String(d.query + 1),
    'key-pos': String(d.key + 1),
    count: String(T),
    visible: String(d.query + 1),
    head: `layer ${d.layer + 1}, head ${d.head + 1}`,
    'head-count': String(d.headCount),
    weight: percent(d.weight),
    verdict: verdict(d, heads),
    dh: String(d.headDim),
    'q-first': first(d.q),
    'k-first': first(d.k),
    'v-first': first(d.v),
    dot: num(d.dots[d.key]),
    'sqrt-dh': num(Math.sqrt(d.headDim)),
    score: num(d.scores[d.key]),
    'top-score': `${tok(topScore)} (${num(d.scores[topScore])})`,
    masked: later.length ? list(later) : `no token: ${tok(d.query)} is the last one`,
    'masked-count': String(later.length),
    'top-weights': list(topWeights(d).map((e) => `${tok(e.index)} ${percent(e.weight)}`)),
    'best-key': best ? `${tok(best.index)} (${percent(best.weight)})` : '–',
    'weight-sum': percent(sum),
    'max-diff': d.maxDiff < 1e-6 ? 'less than 0.000001' : d.maxDiff.toPrecision(2),
    'out-first': first(d.headOut),
    layer: `layer ${d.layer + 1}`,
    'attn-norm': num(d.attnNorm),
    'stream-norm': num(d.streamNorm),
    'norm-ratio': percent(d.streamNorm > 0 ? d.attnNorm / d.streamNorm : 0),
    'heads-summary': heads ? labelSummary(heads) : 'not available',
  };
}
