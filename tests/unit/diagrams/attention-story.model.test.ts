/**
 * The story's numbers on the shipped model: what the chapter prints (q·k, ÷√dh, mask,
 * softmax) reproduces the model's exported attention, and the head it names is the one
 * with the largest weight from the query to the key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStory } from '../../../src/stories/attention-story/data';
import { fillsOf } from '../../../src/stories/attention-story/fills';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { loadAdapter } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { percent } from '../../../src/diagrams/kit/tokens';

let model: Adapter;

beforeAll(async () => {
  model = await loadAdapter();
});

describe('attention story on the shipped model', () => {
  it('follows "it" and "cat" and names the head that links them most', async () => {
    const tr = await model.trace(EXAMPLE_TEXTS.attention);
    const d = buildStory(tr);
    expect(tr.tokens[d.query].text).toBe(' it');
    expect(tr.tokens[d.key].text).toBe(' cat');
    const [L, H] = tr.attentions.shape;
    let best = 0;
    for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) best = Math.max(best, tr.attentions.get(l, h, d.query, d.key));
    expect(d.weight).toBe(best);
    expect(tr.attentions.get(d.layer, d.head, d.query, d.key)).toBe(best);
    expect(fillsOf(d, null).weight).toBe(percent(best));
  });

  it('recomputes the exported attention from Q and K at 1e-4, for every query', async () => {
    const tr = await model.trace(EXAMPLE_TEXTS.attention);
    for (let q = 0; q < tr.tokens.length; q++) {
      const d = buildStory(tr, { query: q, key: 0 });
      expect(d.maxDiff, `query ${q}`).toBeLessThan(1e-4);
      expect(Math.abs(d.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
    }
  });
});
