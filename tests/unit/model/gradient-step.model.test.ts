/**
 * Acceptance for the gradient-step diagram: its p_after (from the site's trace through the model
 * layer, the weight side files and src/math) equals an independent computation from an
 * onnxruntime-node run of the shipped file (h from hidden_states through ln_f, W the model's
 * unembedding, the update written out longhand) at 1e-4, and a small learning rate lowers the loss.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter, MODELS_DIR, readCatalogue } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { readSideFiles } from '../../../src/diagrams/kit/sources/side-files-node';
import { stepBody } from '../../../src/diagrams/gradient-step/view';

const id = readCatalogue().default;
const DIR = `${MODELS_DIR}/${id}`;
const config = JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')) as { n_layer: number; n_head: number; n_embd: number; vocab_size: number };
const manifest = JSON.parse(readFileSync(`${DIR}/weights.json`, 'utf8'));
const side = readSideFiles(DIR);
let adapter: Adapter;
let session: ort.InferenceSession;

beforeAll(async () => {
  adapter = await loadAdapter();
  session = await ort.InferenceSession.create(`${DIR}/onnx/model_quantized.onnx`, { graphOptimizationLevel: 'basic' });
});

async function onnxHidden(ids: number[]): Promise<Float32Array> {
  const T = ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
  };
  for (let l = 0; l < config.n_layer; l++) {
    for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, config.n_head, 0, config.n_embd / config.n_head]);
  }
  return (await session.run(feeds)).hidden_states.data as Float32Array;
}

/** ln_f, W·x, softmax and the update, longhand in float64. */
function reference(h: ArrayLike<number>, y: number, lr: number): { pAfter: Float64Array; lossBefore: number; lossAfter: number } {
  const d = config.n_embd, V = config.vocab_size;
  const { weight, bias, eps } = manifest.ln_f;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  let v = 0;
  for (let i = 0; i < d; i++) v += (h[i] - mean) ** 2 / d;
  const x = Array.from({ length: d }, (_, i) => ((h[i] - mean) / Math.sqrt(v + eps)) * weight[i] + bias[i]);
  const W = side.unembedding.wte;
  const z = new Float64Array(V);
  for (let t = 0; t < V; t++) for (let i = 0; i < d; i++) z[t] += W[t * d + i] * x[i];
  const soft = (a: Float64Array) => {
    const m = Math.max(...a);
    const e = a.map((q) => Math.exp(q - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((q) => q / s);
  };
  const p = soft(z);
  const xx = x.reduce((s, q) => s + q * q, 0);
  const z2 = z.map((q, t) => q - lr * xx * (p[t] - (t === y ? 1 : 0)));
  const p2 = soft(z2);
  return { pAfter: p2, lossBefore: -Math.log(p[y]), lossAfter: -Math.log(p2[y]) };
}

describe.each([
  ['The cat sat on the mat because it was warm.', 5],
  ['Once upon a time there was a little girl.', 3],
])('gradient step on “%s”', (text, position) => {
  it.each([1e-5, 1e-3, 0.1])('lr %f: p_after and the losses match onnxruntime-node at 1e-4', async (lr) => {
    const tr = await adapter.trace(text);
    const L = tr.model.nLayer, T = tr.tokens.length, d = tr.model.nEmbd;
    const body = stepBody(
      { model: tr.model, text, tokens: tr.tokens, hidden: tr.hiddenStates.data.subarray(L * T * d, (L + 1) * T * d), logits: tr.logits.data, norm: side.norm, un: side.unembedding, vocab: [] },
      position,
      lr,
      'model',
    );
    const hidden = await onnxHidden(tr.tokens.map((t) => t.id));
    const h = hidden.subarray((L * T + position - 1) * d, (L * T + position) * d);
    const ref = reference(h, tr.tokens[position].id, lr);
    for (const c of body.p_after) expect(Math.abs(c.p - ref.pAfter[c.id]), `token ${c.id}`).toBeLessThan(1e-4);
    expect(Math.abs(body.loss_after - ref.lossAfter)).toBeLessThan(1e-4 * Math.max(1, ref.lossAfter));
    expect(Math.abs(body.loss_before - ref.lossBefore)).toBeLessThan(1e-4 * Math.max(1, ref.lossBefore));
    if (lr <= 1e-3) expect(body.loss_after).toBeLessThan(body.loss_before);
  });
});
