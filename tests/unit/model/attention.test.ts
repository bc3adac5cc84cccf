/**
 * The attention the site draws is the model's own: softmax(QKᵀ/√d_head + causal mask),
 * recomputed in src/math from the exported queries and keys, matches the exported attentions
 * for every layer and head. If the export or the math drifted, the chapter's numbers would too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { attentionFromQK, strongestHead } from '../../../src/math/attention';
import { loadAdapter } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { assertInDelta } from '../math/assert';

let model: Adapter;

beforeAll(async () => {
  model = await loadAdapter();
});

describe('attention from the real model', () => {
  for (const text of [EXAMPLE_TEXTS.attention, 'Once upon a time, in a small village by the sea, there lived an old fisherman.']) {
    it(`recomputes every head from Q and K at 1e-4: “${text.slice(0, 30)}…”`, async () => {
      const tr = await model.trace(text);
      const [L, H, T, dh] = tr.queries.shape;
      expect(dh).toBe(model.info.headDim);
      for (let l = 0; l < L; l++)
        for (let h = 0; h < H; h++) {
          const mine = attentionFromQK(tr.queries.view(l, h).data, tr.keys.view(l, h).data, T, dh);
          assertInDelta(mine, tr.attentions.view(l, h).data, 1e-4);
        }
    });
  }

  it('strongestHead agrees with a scan of the trace, for "it" → "cat"', async () => {
    const tr = await model.trace(EXAMPLE_TEXTS.attention);
    const it = tr.tokens.findIndex((t) => t.text === ' it');
    const cat = tr.tokens.findIndex((t) => t.text === ' cat');
    expect([it, cat]).toEqual([7, 1]);
    const best = strongestHead(tr.attentions, it, cat);
    const [L, H] = tr.attentions.shape;
    for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) expect(tr.attentions.get(l, h, it, cat)).toBeLessThanOrEqual(best.weight);
    expect(best.weight).toBe(tr.attentions.get(best.layer, best.head, it, cat));
  });
});
