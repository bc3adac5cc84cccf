/**
 * The adapter's typed views are the model's own numbers, consistent with one another:
 * the residual stream adds up, the side files reproduce the logits, and the API handles
 * hostile input without throwing.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter, MODELS_DIR, readCatalogue } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { layerNorm } from '../../../src/math/index';

const CAT = 'The cat sat on the mat because it was tired';
let model: Adapter;

beforeAll(async () => {
  model = await loadAdapter();
});

describe('trace()', () => {
  it('returns batch-free tensors with the documented shapes', async () => {
    const tr = await model.trace(CAT);
    const { nLayer: L, nHead: H, nEmbd: d, headDim: dh, vocabSize: V } = model.info;
    const T = tr.tokens.length;
    expect(T).toBeGreaterThan(5);
    expect(tr.logits.shape).toEqual([T, V]);
    expect(tr.attentions.shape).toEqual([L, H, T, T]);
    expect(tr.hiddenStates.shape).toEqual([L + 1, T, d]);
    expect(tr.queries.shape).toEqual([L, H, T, dh]);
    expect(tr.attnOutput.shape).toEqual([L, T, d]);
    expect(tr.mlpActivations.shape).toEqual([L, T, 4 * d]);
    expect(tr.tokens.map((t) => t.text).join('')).toBe(CAT);
    expect(tr.tokens.map((t) => t.index)).toEqual([...Array(T).keys()]);
  });

  it('has a residual stream where each layer adds exactly its attention and MLP outputs', async () => {
    const tr = await model.trace(CAT);
    const [L1, T, d] = tr.hiddenStates.shape;
    for (let l = 0; l < L1 - 1; l++)
      for (let t = 0; t < T; t++)
        for (let i = 0; i < d; i++) {
          const want = tr.hiddenStates.get(l, t, i) + tr.attnOutput.get(l, t, i) + tr.mlpOutput.get(l, t, i);
          expect(Math.abs(tr.hiddenStates.get(l + 1, t, i) - want)).toBeLessThan(1e-4);
        }
  });

  it('recomputes attention from the exported queries and keys: softmax(QKᵀ/√d + causal mask)', async () => {
    const tr = await model.trace(CAT);
    const [L, H, T, dh] = tr.queries.shape;
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++)
        for (let q = 0; q < T; q++) {
          const s = Array.from({ length: q + 1 }, (_, k) => {
            let dot = 0;
            for (let i = 0; i < dh; i++) dot += tr.queries.get(l, h, q, i) * tr.keys.get(l, h, k, i);
            return dot / Math.sqrt(dh);
          });
          const m = Math.max(...s);
          const z = s.reduce((a, x) => a + Math.exp(x - m), 0);
          s.forEach((x, k) => expect(Math.abs(Math.exp(x - m) / z - tr.attentions.get(l, h, q, k))).toBeLessThan(1e-4));
        }
  });

  it('matches the shipped side files: ln_f and wte turn the last hidden state into the logits', async () => {
    const tr = await model.trace(CAT);
    const id = readCatalogue().default;
    const w = JSON.parse(readFileSync(`${MODELS_DIR}/${id}/weights.json`, 'utf8'));
    // wte ships as int8 with one float32 scale per row: decoded here independently of weights.ts.
    const q = readFileSync(`${MODELS_DIR}/${id}/${w.wte.file}`);
    const sc = readFileSync(`${MODELS_DIR}/${id}/${w.wte.scales}`);
    const wteAt = (v: number, i: number) => q.readInt8(v * d + i) * sc.readFloatLE(v * 4);
    const { nLayer: L, nEmbd: d, vocabSize: V } = model.info;
    const T = tr.tokens.length;
    const x = layerNorm(tr.hiddenStates.view(L, T - 1).data, w.ln_f.weight, w.ln_f.bias, w.ln_f.eps);
    for (const v of [0, 1, 100, tr.tokens[0].id, V - 1]) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += x[i] * wteAt(v, i);
      expect(Math.abs(dot - tr.logits.get(T - 1, v))).toBeLessThan(1e-3);
    }
  });
});

describe('tokens', () => {
  it('carry exact UTF-8 bytes, also for emoji split across tokens', async () => {
    const text = 'naïve 👩‍👩‍👧 日本';
    const { tokens } = await model.tokenize(text);
    const bytes = tokens.flatMap((t) => t.bytes);
    expect(Buffer.from(bytes).toString('utf8')).toBe(text);
  });
});

describe('hostile input', () => {
  it('cuts 100 kB of text to the context and says so', async () => {
    const r = await model.nextTokens('a '.repeat(50_000), 10);
    expect(r.truncated).toBe(true);
    expect(r.tokens.length).toBe(model.info.nPositions);
    expect(r.top).toHaveLength(10);
  });

  it('answers an empty prompt as the start of a document', async () => {
    const r = await model.nextTokens('', 5);
    expect(r.tokens).toEqual([]);
    expect(r.top.reduce((a, t) => a + t.p, 0)).toBeLessThanOrEqual(1 + 1e-9);
    const tr = await model.trace('');
    expect(tr.attentions.shape).toEqual([model.info.nLayer, model.info.nHead, 0, 0]);
  });

  it('treats markup, lone surrogates and control characters as plain text', async () => {
    for (const text of ['<img src=x onerror=alert(1)>', 'a\uD800b', '\u0000\u0007\u202Eabc']) {
      const r = await model.nextTokens(text, 3);
      expect(r.tokens.length).toBeGreaterThan(0);
      expect(r.top[0].p).toBeGreaterThan(0);
    }
  });
});

describe('nextTokens()', () => {
  it('gives a descending top-k from the last position', async () => {
    const r = await model.nextTokens('The cat sat on the', 10);
    expect(r.top).toHaveLength(10);
    for (let i = 1; i < 10; i++) expect(r.top[i].p).toBeLessThanOrEqual(r.top[i - 1].p);
    const tr = await model.trace('The cat sat on the');
    const last = tr.logits.view(tr.tokens.length - 1).data;
    let best = 0;
    for (let v = 1; v < last.length; v++) if (last[v] > last[best]) best = v;
    expect(r.top[0].id).toBe(best);
  });
});

describe('generate()', () => {
  it('is reproducible for a seed and differs across seeds', async () => {
    const opts = { maxNewTokens: 12, temperature: 1, seed: 7 };
    const a = await model.generate('Once upon a time', opts);
    const b = await model.generate('Once upon a time', opts);
    const c = await model.generate('Once upon a time', { ...opts, seed: 8 });
    expect(a.steps.map((s) => s.id)).toEqual(b.steps.map((s) => s.id));
    expect(a.steps.map((s) => s.id)).not.toEqual(c.steps.map((s) => s.id));
  });

  it('at temperature 0 picks the argmax each step, as transformers.js generate() does', async () => {
    const g = await model.generate('The cat sat on the', { maxNewTokens: 8, temperature: 0, seed: 1 });
    const hf = await model.generateWithCache('The cat sat on the', 8);
    expect(g.steps.map((s) => s.id)).toEqual(hf.slice(0, g.steps.length));
  });
});
