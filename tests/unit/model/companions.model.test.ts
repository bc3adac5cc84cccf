/**
 * The architectures chapter's two companion models, loaded through transformers.js
 * `from_pretrained` from public/models/ with remote loading off, as the GPT is, must reproduce
 * PyTorch's outputs on their q8 weights (training/export_encoder.py, export_seq2seq.py) to 1e-4.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { loadCompanion, MODELS_DIR, readCatalogue } from '../../../src/model/node';
import { companionEntry } from '../../../src/model/catalogue';
import type { EncoderAdapter, Seq2SeqAdapter } from '../../../src/model/companions';
import type { TensorF32 } from '../../../src/model/tensor';

const TOL = 1e-4;
const f32 = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
/** Every row of a [L][H][Q][K] attention sums to 1. */
function rowsSumToOne(t: TensorF32) {
  const K = t.shape[3];
  for (let i = 0; i < t.data.length; i += K) {
    let s = 0;
    for (let k = 0; k < K; k++) s += t.data[i + k];
    expect(Math.abs(s - 1)).toBeLessThan(1e-5);
  }
}
const cat = readCatalogue();
/** Each companion's tests run once models.json lists it (training/companion_card.py adds it). */
const listed = new Set((cat.companions ?? []).map((c) => c.role));
/** A golden file's cases: the sentence and PyTorch's numbers (base64 float32) as the recipe wrote them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = { text: string } & Record<string, any>;
const goldenOf = (id: string): { cases: Case[] } => (existsSync(`tests/golden/${id}.json`) ? JSON.parse(readFileSync(`tests/golden/${id}.json`, 'utf8')) : { cases: [] });

describe.runIf(listed.has('encoder'))('glassbox-encoder', () => {
  const golden = goldenOf('glassbox-encoder');
  let enc: EncoderAdapter;
  beforeAll(async () => {
    enc = await loadCompanion('encoder');
  });

  it('loads locally, with remote loading off', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(companionEntry(cat, 'encoder').id).toBe('glassbox-encoder');
  });

  it.each(golden.cases.map((c) => [c.text, c] as const))('matches PyTorch on "%s"', async (_t, c) => {
    const out = await enc.forward(c.input_ids);
    expect(maxAbsDiff(out.logits.view(c.blank).data, f32(c.logits_blank))).toBeLessThan(TOL);
    expect(maxAbsDiff(out.attentions.data, f32(c.attentions))).toBeLessThan(TOL);
    const L = out.hiddenStates.shape[0] - 1;
    expect(maxAbsDiff(out.hiddenStates.view(L).data, f32(c.last_hidden))).toBeLessThan(TOL);
  });

  it('attends both ways: the upper triangle holds real weight, and rows sum to 1', async () => {
    const r = await enc.fill(golden.cases[0].text, golden.cases[0].blank);
    rowsSumToOne(r.attentions);
    const [L, H, T] = r.attentions.shape;
    let upper = 0;
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++)
        for (let q = 0; q < T; q++) for (let k = q + 1; k < T; k++) upper += r.attentions.get(l, h, q, k);
    // Mean weight a query puts on later tokens: a causal model's is exactly 0.
    expect(upper / (L * H * T)).toBeGreaterThan(0.1);
  });

  it('ranks the blank over the whole vocabulary, the mask token left out', async () => {
    const c = golden.cases[0];
    const r = await enc.fill(c.text, c.blank);
    expect(r.top.map((t) => t.id)).toEqual(c.top5.filter((id: number) => id !== enc.maskId).slice(0, 5));
    expect(r.top.every((t) => t.id !== enc.maskId)).toBe(true);
    expect(r.answer.id).toBe(c.answer_id);
  });
});

describe.runIf(listed.has('seq2seq'))('glassbox-seq2seq', () => {
  const golden = goldenOf('glassbox-seq2seq');
  const id = 'glassbox-seq2seq';
  const config = listed.has('seq2seq') ? JSON.parse(readFileSync(`${MODELS_DIR}/${id}/config.json`, 'utf8')) : {};
  let s2s: Seq2SeqAdapter;
  beforeAll(async () => {
    s2s = await loadCompanion('seq2seq');
  });

  it.each(golden.cases.map((c) => [c.text, c] as const))('matches PyTorch on "%s"', async (_t, c) => {
    const r = await s2s.translate(c.text);
    expect(r.source.map((t) => t.id)).toEqual(c.input_ids);
    expect(r.output.map((t) => t.id)).toEqual(c.output_ids);
    expect(maxAbsDiff(r.encoderAttentions.data, f32(c.encoder_attentions))).toBeLessThan(TOL);
    expect(maxAbsDiff(r.decoderAttentions.data, f32(c.decoder_attentions))).toBeLessThan(TOL);
    expect(maxAbsDiff(r.crossAttentions.data, f32(c.cross_attentions))).toBeLessThan(TOL);
    rowsSumToOne(r.crossAttentions);
    rowsSumToOne(r.decoderAttentions);
  });

  /** Greedy decoding on onnxruntime-node alone, no cache, no transformers.js: the reference. */
  async function ortGreedy(src: number[]): Promise<number[]> {
    const dir = `${MODELS_DIR}/${id}/onnx`;
    const opts = { graphOptimizationLevel: 'basic' as const };
    const e = await ort.InferenceSession.create(`${dir}/encoder_model_quantized.onnx`, opts);
    const d = await ort.InferenceSession.create(`${dir}/decoder_model_merged_quantized.onnx`, opts);
    const i64 = (a: number[]) => new ort.Tensor('int64', BigInt64Array.from(a, BigInt), [1, a.length]);
    const mask = i64(src.map(() => 1));
    const h = (await e.run({ input_ids: i64(src), attention_mask: mask })).last_hidden_state;
    const H = config.decoder_attention_heads;
    const dh = config.d_model / H;
    const seq = [config.decoder_start_token_id as number];
    for (let step = 0; step < 16; step++) {
      const feeds: Record<string, ort.Tensor> = { input_ids: i64(seq), encoder_attention_mask: mask, encoder_hidden_states: h };
      for (let l = 0; l < config.decoder_layers; l++)
        for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.decoder.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, dh]);
      const logits = (await d.run(feeds)).logits;
      const V = logits.dims[2];
      const last = (logits.data as Float32Array).subarray((seq.length - 1) * V, seq.length * V);
      let best = 0;
      for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
      if (best === config.eos_token_id) break;
      seq.push(best);
    }
    return seq.slice(1);
  }

  it('decodes as an independent onnxruntime greedy loop does, on dates it never trained on', async () => {
    // Written for this test; the training split holds out dates by hash (training/dates.py).
    for (const text of ['12 March 1999', 'the second of May, 2048', 'Sunday, August 30, 1964']) {
      const r = await s2s.translate(text);
      expect(r.output.map((t) => t.id), text).toEqual(await ortGreedy(r.source.map((t) => t.id)));
    }
  });
});
