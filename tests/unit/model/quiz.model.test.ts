/**
 * The quiz's model questions on the shipped model: the build-time example (quiz.json) is what the
 * resolvers give now, and the answers marked correct agree with an independent onnxruntime-node
 * run (not transformers.js or our adapter) and with heads.json read directly.
 */
import { readFileSync } from 'node:fs';
import type * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import example from '../../../src/data/examples/quiz.json';
import { quizExamples } from '../../../src/examples/quiz';
import { QUIZ_TEXTS } from '../../../src/diagrams/quiz/live';
import { loadAdapter, MODELS_DIR, nodeModel, readCatalogue } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { config, onnxLogits, onnxSession } from './onnx-reference';

let adapter: Adapter;
let session: ort.InferenceSession;
const api = nodeModel();
type Q = { options: { key: string; text: string }[]; correct: string; link: { href: string } };
const questions = example.questions as Record<string, Q>;

beforeAll(async () => {
  adapter = await loadAdapter();
  session = await onnxSession();
});

/** The last position's logits from onnxruntime-node for `text`, sorted ids by descending logit. */
async function ranked(text: string): Promise<number[]> {
  const ids = adapter.encode(text).ids;
  const V = config.vocab_size;
  const last = (await onnxLogits(session, ids)).subarray((ids.length - 1) * V, ids.length * V);
  return Array.from(last.keys()).sort((a, b) => last[b] - last[a]);
}

describe('quiz example data', () => {
  it('is what the resolvers give on the shipped model now (rerun `npm run examples` after retraining)', async () => {
    const fresh = (await quizExamples(api)).quiz as { model: { version: string } };
    const def = readCatalogue().models.find((m) => m.id === readCatalogue().default)!;
    expect(example.model.version).toBe(def.version);
    expect(example).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('marks the model’s top-1 as correct where it asks which token comes first (onnxruntime-node)', async () => {
    for (const [id, text] of [
      ['chapter-next-token', QUIZ_TEXTS.nextToken],
      ['chapter-abilities', QUIZ_TEXTS.abilities],
    ] as const) {
      const order = await ranked(text);
      expect(questions[id].correct, id).toBe(`t${order[0]}`);
      for (const o of questions[id].options) expect(order.indexOf(Number(o.key.slice(1))), `${id} ${o.text}`).toBeLessThan(1000);
    }
  }, 60_000);

  it('names the head with the highest previous-token score in heads.json', () => {
    const heads = JSON.parse(readFileSync(`${MODELS_DIR}/${readCatalogue().default}/heads.json`, 'utf8')) as { scores: { previous_token: number[][] } };
    const flat = heads.scores.previous_token.flatMap((row, l) => row.map((s, h) => ({ s, key: `L${l + 1}H${h + 1}` })));
    const best = flat.reduce((a, b) => (b.s > a.s ? b : a));
    expect(questions['chapter-attention'].correct).toBe(best.key);
    expect(questions['chapter-attention'].link.href).toBe(`/attention/?layer=${best.key.slice(1, best.key.indexOf('H'))}&head=${best.key.slice(best.key.indexOf('H') + 1)}`);
  });

  it('counts the word’s tokens as the tokenizer does', () => {
    expect(questions['chapter-tokenization'].correct).toBe(`n${adapter.encode(QUIZ_TEXTS.word).ids.length}`);
  });

  it('counts the top-p pool from an independent softmax of onnxruntime-node’s logits', async () => {
    const ids = adapter.encode(QUIZ_TEXTS.decoding).ids;
    const V = config.vocab_size;
    const z = Float64Array.from((await onnxLogits(session, ids)).subarray((ids.length - 1) * V, ids.length * V));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, b) => a + b, 0);
    const p = Array.from(e, (v) => v / sum).sort((a, b) => b - a);
    let n = 0;
    let mass = 0;
    while (mass < QUIZ_TEXTS.topP) mass += p[n++];
    // The pool's edge can sit within float noise of p = 0.9: allow one token either way.
    expect(Math.abs(Number(questions['chapter-decoding'].correct.slice(1)) - n)).toBeLessThanOrEqual(1);
  }, 60_000);
});
