/**
 * The shipped model, run through transformers.js in Node exactly as the site runs it, must
 * reproduce PyTorch's reference outputs (written by training/golden.py) to 1e-4.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter, readCatalogue } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';

interface GoldenVariant {
  cols: number[];
  logits_cols: string;
  top_ids: number[][];
  logits_top: string;
  attentions: string;
  attentions_shape: number[];
  last_hidden: string;
  greedy: number[];
}
interface Golden {
  model: string;
  sentences: ({ text: string; ids: number[] } & Record<'fp32' | 'q8', GoldenVariant>)[];
}

const f32 = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};

const TOL = 1e-4;
const catalogue = readCatalogue();
const golden: Golden = JSON.parse(readFileSync(`tests/golden/${catalogue.default}.json`, 'utf8'));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe.each(['q8', 'fp32'] as const)('the shipped %s model matches PyTorch', (dtype) => {
  let model: Adapter;
  beforeAll(async () => {
    model = await loadAdapter({ dtype });
  });

  it.each(golden.sentences.map((s) => [s.text, s] as const))('%s', async (_text, s) => {
    const g = s[dtype];
    const tr = await model.trace(s.text);
    expect(tr.tokens.map((t) => t.id)).toEqual(s.ids);
    const T = s.ids.length;
    const V = model.info.vocabSize;

    const cols = new Float32Array(T * g.cols.length);
    const top = new Float32Array(T * g.top_ids[0].length);
    for (let t = 0; t < T; t++) {
      g.cols.forEach((c, j) => (cols[t * g.cols.length + j] = tr.logits.data[t * V + c]));
      g.top_ids[t].forEach((c, j) => (top[t * g.top_ids[t].length + j] = tr.logits.data[t * V + c]));
    }
    expect(maxAbsDiff(cols, f32(g.logits_cols))).toBeLessThan(TOL);
    expect(maxAbsDiff(top, f32(g.logits_top))).toBeLessThan(TOL);
    expect(tr.attentions.shape).toEqual(g.attentions_shape);
    expect(maxAbsDiff(tr.attentions.data, f32(g.attentions))).toBeLessThan(TOL);
    expect(maxAbsDiff(tr.hiddenStates.view(model.info.nLayer).data, f32(g.last_hidden))).toBeLessThan(TOL);
  });

  it('has causal attention whose every row sums to 1', async () => {
    const tr = await model.trace(golden.sentences[1].text);
    const [L, H, T] = tr.attentions.shape;
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++)
        for (let q = 0; q < T; q++) {
          const row = tr.attentions.view(l, h, q).data;
          let sum = 0;
          for (let k = 0; k < T; k++) {
            if (k > q) expect(row[k]).toBe(0);
            sum += row[k];
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
        }
  });

  it("generates PyTorch's greedy continuation through transformers.js generate() and the KV cache", async () => {
    for (const s of golden.sentences) {
      const ids = await model.generateWithCache(s.text, s[dtype].greedy.length);
      expect(ids).toEqual(s[dtype].greedy);
    }
  });
});
