/**
 * The attention chapter's "Which head tracks pronouns": which head heads.json's coreference score
 * names, the pronoun label it earns, the probe rows, the simple rules' baselines and the prose
 * filled from them. Made-up scores and weights, so each rule is checked by hand; the example data
 * checks are on the shipped model's own numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import example from '../../../src/data/examples/attention-pronouns.json';
import {
  COREFERENCE_LABEL,
  coreferenceHead,
  headScoresFrom,
  withCoreferenceLabel,
  type Coreference,
  type HeadScores,
} from '../../../src/model/assets';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { rowCells } from '../../../src/stories/attention-story/pronoun-cells';
import { exampleRow, type PronounExample } from '../../../src/stories/attention-story/pronoun-example';
import { PROBE_GROUPS, PROBE_TEXTS, baselines, probeRow, pronounFills, wordToken } from '../../../src/stories/attention-story/pronouns';

const toks = (...words: string[]) => words.map((text) => ({ text }));
const cat = toks('The', ' cat', ' sat', ' on', ' the', ' mat', ' because', ' it', ' was', ' tired');

/** A 2 × 2 model whose halves pick `even` and `odd` (0-based [layer, head]) with the accuracies given. */
function heads(even: [number, number, number], odd: [number, number, number], overall = [[0.5, 0.6], [0.7, 0.4]]): HeadScores {
  const coreference: Coreference = {
    cases: 68,
    per_head_accuracy: overall,
    per_head_margin: [[0, 0], [0, 0]],
    held_out: {
      directions: [
        { chosen_on: 'even', layer: even[0], head: even[1], accuracy: even[2] },
        { chosen_on: 'odd', layer: odd[0], head: odd[1], accuracy: odd[2] },
      ],
      accuracy: (even[2] + odd[2]) / 2,
    },
  };
  return { layers: 2, heads: 2, labels: [['broad', 'broad'], ['previous-token', 'broad']], scores: { previous_token: [[0, 0], [0.5, 0]] } as HeadScores['scores'], coreference };
}

describe('the pronoun head from heads.json', () => {
  it('is the head both halves pick, scored by their mean', () => {
    expect(coreferenceHead(heads([1, 0, 0.8], [1, 0, 0.9]))).toEqual({ layer: 1, head: 0, heldOut: expect.closeTo(0.85, 9), mean: expect.closeTo(0.85, 9), cases: 68 });
  });

  it('when the halves disagree, is the pick more often right over all cases, never chosen by held-out accuracy', () => {
    // [0][1] is right on 60% overall, [1][1] on 40%: [0][1] is named although its held-out score is the lower.
    const c = coreferenceHead(heads([0, 1, 0.3], [1, 1, 0.5]))!;
    expect(c).toMatchObject({ layer: 0, head: 1, heldOut: 0.3, mean: 0.4 });
    expect(c.rival).toMatchObject({ layer: 1, head: 1, accuracy: 0.5 });
  });

  it('is null without a well-formed score', () => {
    const h = heads([0, 0, 0.5], [0, 0, 0.5]);
    expect(coreferenceHead({ ...h, coreference: undefined })).toBeNull();
    const outside = structuredClone(h);
    outside.coreference!.held_out.directions[0].layer = 2;
    expect(coreferenceHead(outside)).toBeNull();
    const ragged = structuredClone(h);
    ragged.coreference!.per_head_accuracy = [[0.5]];
    expect(coreferenceHead(ragged)).toBeNull();
  });

  it('labels the head "pronoun → antecedent" only when both halves agree at 75% or more, without touching the input', () => {
    const good = heads([1, 0, 0.75], [1, 0, 0.8]);
    expect(withCoreferenceLabel(good).labels).toEqual([['broad', 'broad'], [COREFERENCE_LABEL, 'broad']]);
    expect(good.labels[1][0]).toBe('previous-token');
    expect(withCoreferenceLabel(heads([1, 0, 0.7], [1, 0, 0.7])).labels[1][0]).toBe('previous-token');
    expect(withCoreferenceLabel(heads([1, 0, 0.9], [0, 1, 0.9])).labels.flat()).not.toContain(COREFERENCE_LABEL);
    expect(headScoresFrom(good, 'x').labels[1][0]).toBe(COREFERENCE_LABEL);
    expect(() => headScoresFrom({ layers: 1 }, 'bad.json')).toThrow(/bad\.json/);
  });

  it('reads the shipped heads.json', () => {
    const shipped = headScoresFrom(JSON.parse(readFileSync('public/models/glassbox-gpt-6l/heads.json', 'utf8')), 'heads.json');
    const c = coreferenceHead(shipped)!;
    expect(c).not.toBeNull();
    expect(shipped.coreference!.held_out.directions.some((d) => d.layer === c.layer && d.head === c.head)).toBe(true);
    expect(c.mean).toBe(shipped.coreference!.held_out.accuracy);
  });
});

describe('probe rows', () => {
  it('finds the first token of a whole word, the leading space belonging to it', () => {
    expect(wordToken(cat, 'it')).toBe(7);
    expect(wordToken(cat, 'cat')).toBe(1);
    expect(wordToken(cat, 'The')).toBe(0);
    expect(wordToken(toks('The', ' tro', 'phy', ' it'), 'trophy')).toBe(1);
    expect(wordToken(cat, 'at')).toBe(-1);
  });

  it('is right when the meant noun beats every other noun before the pronoun, whatever gets the most', () => {
    const probe = { text: cat.map((t) => t.text).join(''), pronoun: 'it', antecedent: 'cat', others: ['mat'] };
    const w = [0.4, 0.25, 0.05, 0.05, 0.05, 0.1, 0.05, 0.05];
    const row = probeRow(probe, cat, (q) => (q === 7 ? w : []))!;
    expect(row).toMatchObject({ query: 7, key: 1, top: 0, topText: 'The', topWeight: 0.4, weight: 0.25, right: true });
    expect(rowCells(row)).toEqual({ top: '“The” 40.0%', mark: '✓', weight: '“cat” 25.0%', verdict: 'more than any other noun before the pronoun' });
    const wrong = probeRow(probe, cat, () => [0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.1, 0.1])!;
    expect(wrong.right).toBe(false);
    expect(rowCells(wrong).mark).toBe('✗');
    expect(probeRow({ ...probe, antecedent: 'tired' }, cat, () => w)).toBeNull();
    expect(rowCells(null).top).toBe('–');
  });

  it('covers every kind the chapter names, each pronoun and noun in its sentence, the default sentence first', () => {
    expect(PROBE_GROUPS.map((g) => g.kind)).toEqual(['agreement', 'distance', 'ambiguous', 'style']);
    expect(PROBE_TEXTS[0]).toBe(EXAMPLE_TEXTS.attention);
    for (const p of PROBE_GROUPS.flatMap((g) => g.probes)) {
      const at = (w: string) => new RegExp(`\\b${w}\\b`).exec(p.text)?.index ?? -1;
      expect(at(p.antecedent), p.text).toBeGreaterThanOrEqual(0);
      expect(at(p.antecedent), p.text).toBeLessThan(at(p.pronoun));
      for (const o of p.others) expect(at(o), `${o} in ${p.text}`).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the example data (the shipped model)', () => {
  const ex = example as PronounExample;

  it('holds every probe, its pronoun token and one weight per visible key for every head', () => {
    expect(ex.probes.map((p) => p.text)).toEqual(PROBE_TEXTS);
    for (const p of ex.probes) {
      expect(p.tokens.map((t) => t.text).join('')).toBe(p.text);
      for (const layer of p.attention) {
        for (const row of layer) {
          expect(row).toHaveLength(p.query + 1);
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
        }
      }
    }
  });

  it('gives "it" the same attention in both trophy sentences: the deciding word comes after it (the causal mask)', () => {
    const [big, small] = PROBE_GROUPS.find((g) => g.kind === 'ambiguous')!.probes;
    for (let l = 0; l < ex.probes[0].attention.length; l++) {
      for (let h = 0; h < ex.probes[0].attention[l].length; h++) {
        expect(exampleRow(ex, big.text, l, h)!.from()).toEqual(exampleRow(ex, small.text, l, h)!.from());
      }
    }
    // So, in every head, at most one of the two is right.
    const a = exampleRow(ex, big.text, 0, 0)!;
    const rows = [probeRow(big, a.tokens, a.from)!, probeRow(small, a.tokens, a.from)!];
    expect(rows.filter((r) => r.right).length).toBeLessThanOrEqual(1);
  });
});

describe('baselines on the held-out sentences', () => {
  it('scores guessing and the first noun by word order, counting only nouns before the pronoun', () => {
    const tsv = [
      '# comment',
      'text\tpronoun\tantecedent\tdistractors',
      'The cat saw the dog and it ran.\tit\tcat\tdog',
      'The box held a ball, and it was red; the shelf\tit\tball\tbox,shelf',
    ].join('\n');
    // Row 1: one rival, first noun right. Row 2: one rival before "it" (shelf comes after), first noun wrong.
    expect(baselines(tsv)).toEqual({ cases: 2, chance: 0.5, firstNoun: 0.5 });
  });

  it('reads the real held-out file', () => {
    const b = baselines(readFileSync('training/eval/pronouns.tsv', 'utf8'));
    expect(b.cases).toBeGreaterThan(40);
    expect(b.chance).toBeGreaterThan(0);
    expect(b.chance).toBeLessThanOrEqual(0.5);
  });
});

describe('the section prose', () => {
  const base = { cases: 68, chance: 0.41, firstNoun: 0.49 };
  const sentence = { tokens: cat, query: 7, key: 1, weights: [0.4, 0.25, 0.05, 0.05, 0.05, 0.1, 0.05, 0.05] };

  it('names an agreed head and its held-out score, and calls a clear lead over the rules learned', () => {
    const f = pronounFills(coreferenceHead(heads([1, 0, 0.8], [1, 0, 0.9])), base, sentence);
    expect(f['coref-head']).toBe('layer 2, head 1');
    expect(f['coref-score']).toBe(
      'Chosen on either half of the 68 sentences, the best head is the same: layer 2, head 1. On the sentences it was not chosen on, it picks the right noun in 85.0% of them.',
    );
    expect(f['coref-baseline']).toMatch(/^For comparison, guessing at random .* right in 41\.0% .* first noun in 49\.0%\. The head does clearly better than both/);
    expect(f['coref-sentence']).toBe('In the diagram’s sentence, layer 2, head 1 sends the most attention from “it” to “The” (40.0%); “cat” gets 25.0%.');
  });

  it('says when the halves disagree and when the score is no better than the rules', () => {
    const f = pronounFills(coreferenceHead(heads([0, 1, 0.5], [1, 1, 0.35])), base, null);
    expect(f['coref-score']).toMatch(/best head is layer 1, head 2; on the other half it picks the right noun in 50\.0%/);
    expect(f['coref-score']).toMatch(/a different head, layer 2, head 2, right in 35\.0% .* average 42\.5%\.$/);
    expect(f['coref-baseline']).toMatch(/The head does no better than these simple rules/);
    expect(f['coref-sentence']).toBe('');
    expect(pronounFills(coreferenceHead(heads([1, 0, 0.52], [1, 0, 0.52])), base, null)['coref-baseline']).toMatch(/only a little better/);
  });

  it('says when the head sends the most attention to the meant noun, and when there is no score', () => {
    const f = pronounFills(coreferenceHead(heads([1, 0, 0.8], [1, 0, 0.8])), null, { ...sentence, weights: [0.1, 0.6, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05] });
    expect(f['coref-sentence']).toBe('In the diagram’s sentence, layer 2, head 1 sends the most attention from “it” to “cat”: 60.0%.');
    expect(f['coref-baseline']).toBe('');
    expect(pronounFills(null, base, sentence)['coref-score']).toMatch(/without a pronoun score/);
  });
});
