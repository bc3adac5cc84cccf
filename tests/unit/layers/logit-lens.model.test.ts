/**
 * The logit lens (src/math/logit-lens.ts) on the shipped model, run in Node through the site's
 * own adapter: the last layer's lens must be the model's actual output, and every layer's lens
 * must match an independent, plain-loop computation from hidden_states and the side files. Also
 * the residual-stream identity the layer-stack diagram relies on.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { logitLens } from '../../../src/math/logit-lens';
import { MODELS_DIR, nodeModel, readCatalogue } from '../../../src/model/node';
import type { Trace } from '../../../src/model/types';
import { readSideFiles } from '../../../src/diagrams/kit/sources/side-files-node';
import { contributionsOf } from '../../../src/diagrams/kit/layers/contributions';

const TEXTS = ['The cat sat on the mat because it was tired', 'Once upon a time, there was a little house by the sea.'];
const K = 5;
const side = readSideFiles(join(MODELS_DIR, readCatalogue().default));
const model = nodeModel();
const traces: Trace[] = [];

beforeAll(async () => {
  for (const t of TEXTS) traces.push(await model.trace(t));
});

/** softmax over all of `logits`, in float64, without any src/math helper. */
function probs(logits: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  let s = 0;
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) s += out[i] = Math.exp(logits[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}

/** ln_f then wte·x written out longhand: an independent reference for one stream vector. */
function reference(h: ArrayLike<number>): Float64Array {
  const { weight, bias, eps } = side.norm;
  const { wte, vocab, d } = side.unembedding;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  let v = 0;
  for (let i = 0; i < d; i++) v += (h[i] - mean) ** 2 / d;
  const x = Array.from({ length: d }, (_, i) => ((h[i] - mean) / Math.sqrt(v + eps)) * weight[i] + bias[i]);
  const logits = new Float64Array(vocab);
  for (let t = 0; t < vocab; t++) for (let i = 0; i < d; i++) logits[t] += wte[t * d + i] * x[i];
  return probs(logits);
}

const top = (p: Float64Array, k: number) =>
  [...p.keys()].sort((a, b) => p[b] - p[a] || a - b).slice(0, k).map((id) => ({ id, p: p[id] }));

describe('logit lens on the shipped model', () => {
  it('the last layer decodes to the model’s own logits: same top 5, p within 1e-4', () => {
    for (const tr of traces) {
      const [L1, T, d] = tr.hiddenStates.shape;
      const lens = logitLens(tr.hiddenStates.data, L1, T, side.norm, side.unembedding, K);
      expect(lens).toHaveLength(tr.model.nLayer + 1);
      for (let t = 0; t < T; t++) {
        const want = top(probs(tr.logits.view(t).data), K);
        const got = lens[L1 - 1][t];
        expect(got.map((e) => e.id), `${tr.text} @${t}`).toEqual(want.map((e) => e.id));
        got.forEach((e, i) => expect(Math.abs(e.p - want[i].p)).toBeLessThanOrEqual(1e-4));
      }
      expect(d).toBe(side.unembedding.d);
    }
  });

  it('every layer matches an independent computation from hidden_states within 1e-3', () => {
    const tr = traces[0];
    const [L1, T] = tr.hiddenStates.shape;
    const lens = logitLens(tr.hiddenStates.data, L1, T, side.norm, side.unembedding, K);
    for (let l = 0; l < L1; l++) {
      for (let t = 0; t < T; t++) {
        const want = top(reference(tr.hiddenStates.view(l, t).data), K);
        const got = lens[l][t];
        // Ranks may swap only between near-equal probabilities; compare p per rank and ids by p.
        got.forEach((e, i) => {
          expect(Math.abs(e.p - want[i].p), `layer ${l} token ${t} rank ${i}`).toBeLessThanOrEqual(1e-3);
          if (Math.abs(want[i].p - (want[i + 1]?.p ?? -1)) > 1e-3 && Math.abs(want[i].p - (want[i - 1]?.p ?? -1)) > 1e-3) {
            expect(e.id).toBe(want[i].id);
          }
        });
      }
    }
  });
});

describe('residual stream', () => {
  it('hidden[l+1] = hidden[l] + attn_output[l] + mlp_output[l] within 1e-3, and the exported norms are those vectors’ lengths', () => {
    for (const tr of traces) {
      const [L1, T, d] = tr.hiddenStates.shape;
      for (let l = 0; l < L1 - 1; l++) {
        for (let t = 0; t < T; t++) {
          const h0 = tr.hiddenStates.view(l, t).data;
          const h1 = tr.hiddenStates.view(l + 1, t).data;
          const a = tr.attnOutput.view(l, t).data;
          const m = tr.mlpOutput.view(l, t).data;
          let worst = 0;
          for (let i = 0; i < d; i++) worst = Math.max(worst, Math.abs(h1[i] - (h0[i] + a[i] + m[i])));
          expect(worst, `${tr.text}: layer ${l + 1}, token ${t + 1}`).toBeLessThanOrEqual(1e-3);
        }
      }
      for (let t = 0; t < T; t++) {
        const c = contributionsOf(tr, t);
        expect(c).toHaveLength(L1 - 1);
        const len = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
        c.forEach((row, l) => {
          expect(row.layer).toBe(l + 1);
          expect(Math.abs(row.attn_norm - len(tr.attnOutput.view(l, t).data))).toBeLessThanOrEqual(1e-4);
          expect(Math.abs(row.mlp_norm - len(tr.mlpOutput.view(l, t).data))).toBeLessThanOrEqual(1e-4);
          expect(Math.abs(row.resid_norm - len(tr.hiddenStates.view(l, t).data))).toBeLessThanOrEqual(1e-4);
        });
      }
    }
  });
});
