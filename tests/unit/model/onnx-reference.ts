/**
 * The independent reference the model tests compare against: the shipped default ONNX file run by
 * onnxruntime-node directly, not through transformers.js or our adapter.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { MODELS_DIR, readCatalogue } from '../../../src/model/node';

const DIR = `${MODELS_DIR}/${readCatalogue().default}`;
export const config = JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')) as { n_layer: number; n_head: number; n_embd: number; vocab_size: number };

/** A session as the site runs it: 'basic' graph optimisation (core.ts SESSION_OPTIONS explains why). */
export function onnxSession(): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(`${DIR}/onnx/model_quantized.onnx`, { graphOptimizationLevel: 'basic' });
}

/** [T][V] logits for `ids`, one full pass with the empty KV cache the graph requires. */
export async function onnxLogits(session: ort.InferenceSession, ids: number[]): Promise<Float32Array> {
  const T = ids.length;
  const dh = config.n_embd / config.n_head;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
  };
  for (let l = 0; l < config.n_layer; l++) {
    for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, config.n_head, 0, dh]);
  }
  return (await session.run(feeds)).logits.data as Float32Array;
}
