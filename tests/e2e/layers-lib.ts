/**
 * Helpers for the layers chapter's browser tests: an independent run of the shipped ONNX file
 * with onnxruntime-node (not through the site's code), the side files read from disk, and the
 * logit lens written out longhand in float64 as the reference.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { Locator } from '@playwright/test';
import { expect, MODEL_TIMEOUT } from './fixtures';

const catalogue = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as { default: string };
export const MODEL_ID = catalogue.default;
const DIR = `public/models/${MODEL_ID}`;
export const config = JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')) as {
  n_layer: number;
  n_head: number;
  n_embd: number;
  vocab_size: number;
};

let session: ort.InferenceSession | null = null;

export interface OnnxRun {
  T: number;
  /** [T][V] */
  logits: Float32Array;
  /** [L+1][T][d] */
  hidden: Float32Array;
  /** [L][T][d] */
  attn: Float32Array;
  mlp: Float32Array;
  /** [L][T][4d] */
  acts: Float32Array;
}

export async function runOnnx(ids: number[]): Promise<OnnxRun> {
  session ??= await ort.InferenceSession.create(`${DIR}/onnx/model_quantized.onnx`, { graphOptimizationLevel: 'basic' });
  const T = ids.length;
  const dh = config.n_embd / config.n_head;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
  };
  for (let i = 0; i < config.n_layer; i++) {
    for (const kv of ['key', 'value']) feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, config.n_head, 0, dh]);
  }
  const out = await session.run(feeds);
  const f = (name: string) => out[name].data as Float32Array;
  return { T, logits: f('logits'), hidden: f('hidden_states'), attn: f('attn_output'), mlp: f('mlp_output'), acts: f('mlp_activations') };
}

const manifest = JSON.parse(readFileSync(`${DIR}/weights.json`, 'utf8')) as {
  wte: { file: string; scales: string; shape: [number, number] };
  ln_f: { weight: number[]; bias: number[]; eps: number };
};
// wte ships as int8 with one float32 scale per row (value = q × scale), decoded here on its own.
const wteQ = readFileSync(`${DIR}/${manifest.wte.file}`);
const wteScales = readFileSync(`${DIR}/${manifest.wte.scales}`);
const wte = Float64Array.from({ length: wteQ.length }, (_, i) => wteQ.readInt8(i) * wteScales.readFloatLE(Math.floor(i / manifest.wte.shape[1]) * 4));

export function softmax64(logits: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  const out = new Float64Array(logits.length);
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += out[i] = Math.exp(logits[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}

/** ln_f, then wte · x, then softmax: the lens for one stream vector, in float64. */
export function lensProbs(h: ArrayLike<number>): Float64Array {
  const [V, d] = manifest.wte.shape;
  const { weight, bias, eps } = manifest.ln_f;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  let v = 0;
  for (let i = 0; i < d; i++) v += (h[i] - mean) ** 2 / d;
  const x = Array.from({ length: d }, (_, i) => ((h[i] - mean) / Math.sqrt(v + eps)) * weight[i] + bias[i]);
  const logits = new Float64Array(V);
  for (let t = 0; t < V; t++) for (let i = 0; i < d; i++) logits[t] += wte[t * d + i] * x[i];
  return softmax64(logits);
}

export const top = (p: Float64Array, k: number) =>
  [...p.keys()]
    .sort((a, b) => p[b] - p[a] || a - b)
    .slice(0, k)
    .map((id) => ({ id, p: p[id] }));

export async function exported<T>(d: Locator): Promise<T> {
  return JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as T;
}

/** Wait until the live model has drawn `d` for exactly `text`. */
export async function waitForModel(d: Locator, text: string) {
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect.poll(async () => (await exported<{ text: string }>(d)).text, { timeout: MODEL_TIMEOUT }).toBe(text);
}

/** p95 of a list of durations (ms). */
export function p95(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}
