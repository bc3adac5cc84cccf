/**
 * The model-overview export against an independent run: the shipped ONNX file through
 * onnxruntime-node directly (not transformers.js, not our adapter), with the logit lens written
 * out longhand in float64 from its hidden_states and the side files. The export's per-block lens
 * guesses must match (top-1 ids exactly, p within 1e-4), its final top 5 too, and its attention
 * thumbnails must be the model's attention rows for the last token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as ort from 'onnxruntime-node';
import { MODELS_DIR, nodeModel, readCatalogue } from '../../../src/model/node';
import { vocabTexts } from '../../../src/model/weights';
import { readSideFiles } from '../../../src/diagrams/kit/sources/side-files-node';
import { lensList, overviewOf, stagesExport, type OverviewView } from '../../../src/diagrams/model-overview/data';
import { stageIds, stageLink } from '../../../src/diagrams/model-overview/stages';
import { linkContext } from '../../../src/diagrams/model-overview/view';
import { config, onnxSession } from './onnx-reference';

const TEXTS = ['The cat sat on the', 'Once upon a time there was a little', 'She opened the door and'];
const DIR = join(MODELS_DIR, readCatalogue().default);
const side = readSideFiles(DIR);
const vocab = vocabTexts(JSON.parse(readFileSync(join(DIR, 'tokenizer.json'), 'utf8')), config.vocab_size);
const model = nodeModel();
let session: ort.InferenceSession;
const runs: { text: string; ids: number[]; view: OverviewView; out: ort.InferenceSession.OnnxValueMapType }[] = [];

/** One full pass through onnxruntime-node with the empty KV cache the graph requires. */
async function onnxRun(ids: number[]) {
  const o = await import('onnxruntime-node');
  const T = ids.length;
  const dh = config.n_embd / config.n_head;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new o.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]),
    attention_mask: new o.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
  };
  for (let l = 0; l < config.n_layer; l++) {
    for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.${kv}`] = new o.Tensor('float32', new Float32Array(0), [1, config.n_head, 0, dh]);
  }
  return session.run(feeds);
}

function softmax64(x: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) m = Math.max(m, x[i]);
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += out[i] = Math.exp(x[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}

/** ln_f, then wte · x, then softmax, longhand in float64: the lens for one stream vector. */
function lensProbs(h: ArrayLike<number>): Float64Array {
  const { weight, bias, eps } = side.norm;
  const { wte, vocab: V, d } = side.unembedding;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  let v = 0;
  for (let i = 0; i < d; i++) v += (h[i] - mean) ** 2 / d;
  const x = Array.from({ length: d }, (_, i) => ((h[i] - mean) / Math.sqrt(v + eps)) * weight[i] + bias[i]);
  const logits = new Float64Array(V);
  for (let t = 0; t < V; t++) for (let i = 0; i < d; i++) logits[t] += wte[t * d + i] * x[i];
  return softmax64(logits);
}

const top = (p: Float64Array, k: number) => [...p.keys()].sort((a, b) => p[b] - p[a] || a - b).slice(0, k).map((id) => ({ id, p: p[id] }));

beforeAll(async () => {
  session = await onnxSession();
  for (const text of TEXTS) {
    const tr = await model.trace(text);
    const ids = tr.tokens.map((t) => t.id);
    runs.push({ text, ids, view: overviewOf(tr, side, vocab), out: await onnxRun(ids) });
  }
}, 120_000);

describe('model-overview export vs an independent onnxruntime-node run', () => {
  it('the lens after each block: top-1 id exact, p within 1e-4; layer 1-based', () => {
    for (const { text, ids, view, out } of runs) {
      const T = ids.length;
      const d = config.n_embd;
      const hidden = out.hidden_states.data as Float32Array; // [L+1][1][T][d]
      const lens = lensList(view);
      expect(lens.map((e) => e.layer), text).toEqual(Array.from({ length: config.n_layer }, (_, l) => l + 1));
      for (const { layer, top: got } of lens) {
        const o = (layer * T + T - 1) * d;
        const [want] = top(lensProbs(hidden.subarray(o, o + d)), 1);
        expect(got.id, `${text}: block ${layer}`).toBe(want.id);
        expect(Math.abs(got.p - want.p), `${text}: block ${layer}`).toBeLessThanOrEqual(1e-4);
        expect(got.text).toBe(vocab[want.id]);
      }
    }
  });

  it('the final top 5 are the model’s own logits after softmax', () => {
    for (const { text, ids, view, out } of runs) {
      const T = ids.length;
      const V = config.vocab_size;
      const logits = (out.logits.data as Float32Array).subarray((T - 1) * V, T * V);
      const want = top(softmax64(logits), 5);
      expect(view.final.map((c) => c.id), text).toEqual(want.map((c) => c.id));
      view.final.forEach((c, i) => expect(Math.abs(c.p - want[i].p), `${text} rank ${i + 1}`).toBeLessThanOrEqual(1e-4));
      view.logits.forEach((c, i) => expect(Math.abs(c.logit - logits[want[i].id]), `${text} logit ${i + 1}`).toBeLessThanOrEqual(1e-3));
    }
  });

  it('the attention thumbnails are the last token’s rows of the model’s attentions', () => {
    for (const { text, ids, view, out } of runs) {
      const T = ids.length;
      const H = config.n_head;
      const att = out.attentions.data as Float32Array; // [L][1][H][T][T]
      for (const b of view.blocks) {
        expect(b.attention, `${text}: block ${b.layer}`).toHaveLength(H);
        b.attention.forEach((row, h) => {
          const o = (((b.layer - 1) * H + h) * T + (T - 1)) * T;
          row.forEach((w, k) => expect(Math.abs(w - att[o + k]), `${text}: block ${b.layer} head ${h + 1} key ${k + 1}`).toBeLessThanOrEqual(1e-4));
          expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 4);
        });
      }
    }
  });

  it('the norms of what attention and the MLP add, and the embeddings, are those vectors’ lengths', () => {
    for (const { ids, view, out } of runs) {
      const T = ids.length;
      const d = config.n_embd;
      const len = (a: Float32Array, o: number) => Math.hypot(...a.subarray(o, o + d));
      for (const b of view.blocks) {
        const o = ((b.layer - 1) * T + T - 1) * d;
        expect(Math.abs(b.attn_norm - len(out.attn_output.data as Float32Array, o))).toBeLessThanOrEqual(1e-3);
        expect(Math.abs(b.mlp_norm - len(out.mlp_output.data as Float32Array, o))).toBeLessThanOrEqual(1e-3);
      }
      for (const e of view.embed) expect(Math.abs(e.norm - len(out.hidden_states.data as Float32Array, (e.token - 1) * d))).toBeLessThanOrEqual(1e-3);
      expect(view.embed[view.embed.length - 1].token).toBe(T);
    }
  });

  it('the export has one entry per stage, with the token ids and each stage’s link', () => {
    const { ids, view } = runs[0];
    const stages = stageIds(config.n_layer);
    const ex = stagesExport(view, stages, (s) => stageLink(s, linkContext(view)));
    expect(ex.map((e) => e.stage)).toEqual(stages);
    expect(ex[0]).toMatchObject({ stage: 'tokens', ids });
    expect(ex.find((e) => e.stage === 'probs')).toMatchObject({ top: view.final });
    expect(ex.find((e) => e.stage === 'next')).toMatchObject({ token: view.final[0] });
  });
});
