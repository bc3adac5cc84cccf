/**
 * Acceptance for the decoding chapter, on the shipped model: the sampler's exported p_final equals
 * an independent implementation of the documented chain (written out longhand below, not
 * src/math) applied to an independent onnxruntime-node run (not transformers.js or our adapter),
 * at 1e-4; greedy generation through the KV cache equals an argmax loop of full forward passes;
 * and a cached step gives the logits a full pass gives.
 */
import type * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter, nodeModel } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { generate } from '../../../src/math/generation';
import { mulberry32 } from '../../../src/math/sampling';
import { promptLogits } from '../../../src/diagrams/kit/decoding/source';
import { samplerBody } from '../../../src/diagrams/sampler/data';
import { SAMPLER_FIELDS, type SamplerState } from '../../../src/diagrams/kit/decoding/fields';
import { config, onnxLogits, onnxSession } from './onnx-reference';

let adapter: Adapter;
let session: ort.InferenceSession;
const api = nodeModel();

beforeAll(async () => {
  adapter = await loadAdapter();
  session = await onnxSession();
});

/** The last position's logits from onnxruntime-node, full pass, empty cache, in float64. */
async function onnxLast(ids: number[]): Promise<Float64Array> {
  const V = config.vocab_size;
  return Float64Array.from((await onnxLogits(session, ids)).subarray((ids.length - 1) * V, ids.length * V));
}

/* ---- The documented chain, longhand: softmax, sort, cut, in float64 ---- */
const softmax = (z: Float64Array) => {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  const e = z.map((v) => (v === -Infinity ? 0 : Math.exp(v - m)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const byP = (p: Float64Array) => [...p.keys()].filter((i) => p[i] > 0).sort((a, b) => p[b] - p[a] || a - b);
const keep = (z: Float64Array, ids: number[]) => {
  const out = new Float64Array(z.length).fill(-Infinity);
  for (const i of ids) out[i] = z[i];
  return out;
};
const untilMass = (p: Float64Array, ids: number[], target: number) => {
  const out: number[] = [];
  let c = 0;
  for (const i of ids) {
    out.push(i);
    c += p[i];
    if (c >= target - 1e-9) break;
  }
  return out;
};
function reference(logits: Float64Array, s: SamplerState, context: number[]): Float64Array {
  let z = logits.slice();
  for (const name of s.order.split(',').filter(Boolean)) {
    if (name === 'temperature') z = s.temperature === 0 ? keep(z, [byP(softmax(z))[0]]) : z.map((v) => v / s.temperature);
    else if (name === 'top_k') z = keep(z, byP(softmax(z)).slice(0, s.top_k));
    else if (name === 'top_p') z = s.top_p >= 1 ? z : keep(z, untilMass(softmax(z), byP(softmax(z)), s.top_p));
    else if (name === 'min_p') {
      const p = softmax(z);
      const max = Math.max(...p);
      z = keep(z, byP(p).filter((i) => p[i] >= s.min_p * max));
    } else if (name === 'typical_p') {
      const p = softmax(z);
      const h = byP(p).reduce((a, i) => a - p[i] * Math.log(p[i]), 0);
      const d = (i: number) => Math.abs(-Math.log(p[i]) - h);
      z = s.typical_p >= 1 ? z : keep(z, untilMass(p, byP(p).sort((a, b) => d(a) - d(b) || a - b), s.typical_p));
    } else if (name === 'repetition_penalty') {
      for (const i of new Set(context)) z[i] = z[i] < 0 ? z[i] * s.repetition_penalty : z[i] / s.repetition_penalty;
    } else if (name === 'no_repeat_ngram') {
      const n = s.no_repeat_ngram;
      const tail = context.slice(context.length - n + 1).join(',');
      for (let i = 0; i + n - 1 < context.length; i++) if (context.slice(i, i + n - 1).join(',') === tail) z[context[i + n - 1]] = -Infinity;
    }
  }
  return softmax(z);
}

const D = Object.fromEntries(Object.entries(SAMPLER_FIELDS).map(([k, f]) => [k, f.default])) as unknown as SamplerState;
const CASES: [string, Partial<SamplerState>][] = [
  ['The man was', {}],
  ['Once upon a time there was a', { order: 'repetition_penalty,temperature,top_k,top_p', temperature: 1.3, top_k: 20, top_p: 0.8 }],
  ['She opened the door and', { order: 'top_p,temperature,min_p', top_p: 0.95, temperature: 0.6, min_p: 0.1 }],
  ['The capital of France is', { order: 'typical_p,top_k', typical_p: 0.5, top_k: 200 }],
  ['the the the the', { order: 'no_repeat_ngram,repetition_penalty,temperature', no_repeat_ngram: 2, repetition_penalty: 2.5, temperature: 1.5 }],
  ['He said that', { order: 'temperature,top_p', temperature: 0, seed: 7 }],
  ['', { order: 'min_p', min_p: 0.5 }],
];

describe('the sampler against an independent chain on onnxruntime-node', () => {
  it.each(CASES)('%s %o', async (text, over) => {
    const s = { ...D, ...over };
    const p = await promptLogits(api, text);
    const body = samplerBody({ ...p, logits: p.first }, s, (i) => adapter.token(i, -1).text, 'model');
    const ids = p.ids.length ? p.ids : [adapter.info.eosTokenId];
    const ref = reference(await onnxLast(ids), s, p.ids);
    expect(body.candidates.length).toBeGreaterThanOrEqual(50);
    for (const c of body.candidates) expect(Math.abs(c.p_final - ref[c.id]), `token ${c.id}`).toBeLessThan(1e-4);
    const shown = new Set(body.candidates.map((c) => c.id));
    const tail = ref.reduce((a, v, i) => a + (shown.has(i) ? 0 : v), 0);
    expect(Math.abs(body.tail.p_final - tail)).toBeLessThan(1e-4);
    expect(body.candidates.length + body.tail.count).toBe(config.vocab_size);
    // The draw: the seed's first u lands in the chosen token's segment of the final distribution.
    if (s.temperature === 0 && s.order.includes('temperature')) expect(body.u).toBeNull();
    else {
      expect(body.u).toBe(mulberry32(s.seed)());
      const order = byP(ref);
      let cum = 0;
      const at = order.find((i) => (cum += ref[i]) > body.u!) ?? order[order.length - 1];
      expect(body.chosen.id).toBe(at);
    }
  });
});

describe('generation with the KV cache', () => {
  it('gives the logits of a full pass at each cached step, at 1e-4', async () => {
    const { ids } = adapter.encode('The man was');
    const seq = [...ids];
    for (let s = 0; s < 5; s++) {
      const r = await adapter.logitsAfter(seq);
      if (s > 0) expect(r.via).toBe('cache');
      const full = await onnxLast(seq);
      let worst = 0;
      for (let i = 0; i < full.length; i++) worst = Math.max(worst, Math.abs(full[i] - r.logits[i]));
      expect(worst).toBeLessThan(1e-4);
      seq.push(s * 37 + 11);
    }
  });

  it('greedy for 20 tokens equals an independent argmax loop of full passes', async () => {
    for (const text of ['The man was', 'Once upon a time']) {
      const p = await promptLogits(api, text);
      const steps = await generate(p.logitsOf, p.ids, { order: ['temperature'], settings: { ...D, temperature: 0 } as never, seed: 1, steps: 20 });
      const seq = [...p.ids];
      const ref: number[] = [];
      for (let s = 0; s < 20; s++) {
        const z = await onnxLast(seq);
        let best = 0;
        for (let i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
        ref.push(best);
        seq.push(best);
      }
      expect(steps.map((s) => s.chosen.id)).toEqual(ref);
    }
  });
});
