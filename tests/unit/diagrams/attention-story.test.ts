// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { attentionFromQK } from '../../../src/math/attention';
import type { HeadScores } from '../../../src/model/assets';
import { buildStory, chooseFocus, type StoryTrace } from '../../../src/stories/attention-story/data';
import { fillsOf, num, quoted, verdict } from '../../../src/stories/attention-story/fills';
import { STEPS, drawFigure, shownKeys } from '../../../src/stories/attention-story/figures';
import { assertInDelta } from '../math/assert';

const toks = (...words: string[]) => words.map((text, i) => ({ id: i, text }));
const cat = toks('The', ' cat', ' sat', ' on', ' the', ' mat', ' because', ' it', ' was', ' tired');

/** A tiny made-up trace (1 layer, 2 heads, 4 tokens, dh = 2) whose attentions are softmax(QKᵀ/√2 + mask). */
function tinyTrace(): StoryTrace {
  const T = 4;
  const dh = 2;
  const q = [
    [1, 0, 0.5, -1, 2, 1, -1, 3],
    [0, 1, 1, 1, -2, 0.5, 1, 1],
  ];
  const k = [
    [1, 1, 3, 0, -1, 2, 0, 0],
    [2, 0, 0, 1, 1, 1, -1, -1],
  ];
  const v = [
    [1, 2, 3, 4, 5, 6, 7, 8],
    [0, 1, 0, 1, 0, 1, 0, 1],
  ];
  const att = q.map((qh, h) => Array.from(attentionFromQK(qh, k[h], T, dh)));
  const stream = [3, 4, 0, 3, 4, 0, 3, 4, 0, 3, 4, 0]; // every position has length 5
  return {
    model: { id: 'tiny', version: 'v0', headDim: dh },
    text: 'The cat purred it',
    tokens: toks('The', ' cat', ' purred', ' it'),
    attentions: { data: att.flat(), shape: [1, 2, T, T] },
    queries: { data: q.flat(), shape: [1, 2, T, dh] },
    keys: { data: k.flat(), shape: [1, 2, T, dh] },
    values: { data: v.flat(), shape: [1, 2, T, dh] },
    // token 4 gets [0.3, 0.4, 0]: length 0.5
    attnOutput: { data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.4, 0], shape: [1, T, 3] },
    hiddenStates: { data: [...stream, ...stream], shape: [2, T, 3] },
  };
}

describe('attention story: which tokens it follows', () => {
  it('takes the last pronoun as the query and the first word after a determiner as the key', () => {
    expect(chooseFocus(cat)).toEqual({ query: 7, key: 1 });
    expect(chooseFocus(toks('The', ' dog', ' chased', ' the', ' ball', ' until', ' it', ' was'))).toEqual({ query: 6, key: 1 });
    expect(chooseFocus(toks('Mary', ' told', ' John', ' that', ' she', ' would'))).toEqual({ query: 4, key: 0 });
    expect(chooseFocus(toks('Once', ' upon', ' a', ' time'))).toEqual({ query: 3, key: 0 });
    expect(chooseFocus(toks('It'))).toEqual({ query: 0, key: 0 });
    expect(chooseFocus([])).toEqual({ query: 0, key: 0 });
  });
});

describe('attention story: numbers from a trace', () => {
  const tr = tinyTrace();

  it('cuts q, k and v out of the strongest head and recomputes its softmax', () => {
    const d = buildStory(tr, { query: 3, key: 1 });
    const w = (h: number) => (tr.attentions.data as number[])[(h * 4 + 3) * 4 + 1];
    expect(d.head).toBe(w(0) >= w(1) ? 0 : 1);
    expect(d.weight).toBe(Math.max(w(0), w(1)));
    const h = d.head;
    expect(d.q).toEqual((tr.queries.data as number[]).slice((h * 4 + 3) * 2, (h * 4 + 3) * 2 + 2));
    expect(d.k).toEqual((tr.keys.data as number[]).slice((h * 4 + 1) * 2, (h * 4 + 1) * 2 + 2));
    expect(d.dots[1]).toBeCloseTo(d.q[0] * d.k[0] + d.q[1] * d.k[1], 12);
    expect(d.scores[1]).toBeCloseTo(d.dots[1] / Math.SQRT2, 12);
    expect(d.maxDiff).toBeLessThan(1e-12);
    assertInDelta(
      d.weights.reduce((a, b) => a + b, 0),
      1,
      1e-12,
    );
    // Σ w·v by hand
    const vals = (tr.values.data as number[]).slice(h * 8, h * 8 + 8);
    const out = [0, 1].map((c) => d.weights.reduce((s, wj, j) => s + wj * vals[j * 2 + c], 0));
    expect(d.headOut[0]).toBeCloseTo(out[0], 12);
    expect(d.headOut[1]).toBeCloseTo(out[1], 12);
    expect(d.attnNorm).toBeCloseTo(0.5, 12);
    expect(d.streamNorm).toBeCloseTo(5, 12);
    expect(d.topValues[0].weight).toBe(Math.max(...d.weights));
  });

  it('masks the later tokens', () => {
    const d = buildStory(tr, { query: 1, key: 0 });
    expect(d.scores.slice(2)).toEqual([-Infinity, -Infinity]);
    expect(d.weights.slice(2)).toEqual([0, 0]);
    expect(d.dots).toHaveLength(2);
  });
});

describe('attention story: words from numbers', () => {
  const tr = tinyTrace();
  const heads: HeadScores = {
    layers: 1,
    heads: 2,
    scores: { previous_token: [[0.5, 0]], first_token: [[0, 0.1]], self: [[0, 0]], induction: [[0, 0]], pronoun: [[0, 0]] },
    labels: [['previous-token', 'mixed']],
  };

  it('formats numbers and tokens for prose', () => {
    expect(num(-1.234)).toBe('−1.23');
    expect(num(-0.001)).toBe('0.00');
    expect(num(-Infinity)).toBe('−∞');
    expect(quoted(' cat')).toBe('“cat”');
    expect(quoted(' ')).toBe('“␣”');
  });

  it('names the head and says honestly how strong it is', () => {
    const d = buildStory(tr, { query: 3, key: 1 });
    const strong = { ...d, weight: 0.42, layer: 2, head: 4 };
    expect(verdict(strong, heads)).toBe(
      'In layer 3, head 5, “it” puts 42.0% of its attention on “cat”, more than in any other of the 2 heads.',
    );
    const weak = { ...d, weight: 0.123, layer: 0, head: 1 };
    expect(verdict(weak, heads)).toBe(
      'No head of this small model links “it” to “cat” strongly: the best, layer 1, head 2, puts only 12.3% of the attention from “it” there. ' +
        'Measured over many texts, our model\'s 2 heads include 1 “mixed” and 1 previous-token heads.',
    );
  });

  it('fills every slot from the data', () => {
    const d = buildStory(tr, { query: 2, key: 1 });
    const f = fillsOf(d, heads);
    expect(f.query).toBe('“purred”');
    expect(f['masked']).toBe('“it”');
    expect(f['masked-count']).toBe('1');
    expect(f.head).toBe(`layer 1, head ${d.head + 1}`);
    expect(f['weight-sum']).toBe('100.0%');
    expect(f['q-first']).toBe(`${d.q.map((x) => num(x)).join(', ')}, …`);
    expect(f['max-diff']).toBe('less than 0.000001');
    expect(f['heads-summary']).toBe(verdict({ ...d, weight: 0 }, heads).split('there. ')[1]);
    const allBroad = { ...heads, labels: [['broad', 'broad']], label_rule: 'strongest pattern by lift, if lift >= 2; else broad' };
    expect(fillsOf(d, allBroad)['heads-summary']).toBe(
      'Measured over many texts, none of our model\'s 2 heads shows one clear pattern: all are labelled “broad”. ' +
        'The labelling rule: strongest pattern by lift, if lift >= 2; else broad.',
    );
    expect(Object.values(f).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    expect(fillsOf(buildStory(tr, { query: 3, key: 0 }), null).masked).toBe('no token: “it” is the last one');
  });
});

describe('attention story: figures', () => {
  it('draws every step inside root, with no markup from token text', () => {
    const tr = tinyTrace();
    tr.tokens[1] = { id: 1, text: '<img src=x onerror=alert(1)>' };
    const d = buildStory(tr, { query: 3, key: 1 });
    const root = document.createElement('div');
    document.body.append(root);
    for (const step of STEPS) {
      const h = drawFigure(root, d, step, { width: 360 });
      expect(h).toBeGreaterThan(20);
      const svg = root.querySelector('svg');
      expect(svg?.getAttribute('data-step')).toBe(step);
      expect(svg?.getAttribute('width')).toBe('360');
      expect(svg?.getAttribute('aria-hidden')).toBe('true');
      expect(root.querySelector('img, script')).toBeNull();
      expect(root.children).toHaveLength(1);
    }
    drawFigure(root, d, 'mask', { width: 360 });
    expect([...root.querySelectorAll('text')].some((t) => t.textContent === '−∞')).toBe(false); // query is the last token
    drawFigure(root, d, 'softmax', { width: 360 });
    expect(root.querySelectorAll('.gb-st-keybar')).toHaveLength(1);
    root.remove();
  });

  it('keeps long texts to a fixed number of rows', () => {
    const T = 40;
    const base = buildStory(tinyTrace(), { query: 3, key: 1 });
    const d = {
      ...base,
      tokens: toks(...Array.from({ length: T }, (_, i) => ` w${i}`)),
      query: 30,
      key: 2,
      weights: Array.from({ length: T }, (_, i) => (i <= 30 ? 1 / 31 : 0)),
    };
    const { rows, hidden } = shownKeys(d, true);
    expect(rows.length).toBeLessThanOrEqual(11);
    expect(rows).toContain(2);
    expect(rows).toContain(30);
    expect(rows.length + hidden).toBe(T);
  });
});
