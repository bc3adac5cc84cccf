/**
 * Acceptance for the training chapter's checkpoints: every checkpoint models.json lists loads by
 * its ref through the site's model layer, and its next-token probabilities match an independent
 * onnxruntime-node run of that checkpoint's own file at 1e-4. The step-0 checkpoint (random
 * initialisation) must be close to uniform: entropy within 0.5 nats of ln V.
 * Runs on whatever checkpoints the catalogue lists; with none listed it checks the listing only.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { checkpointEntry, checkpointRef, defaultEntry, entryFolder, resolveModelRef } from '../../../src/model/catalogue';
import { loadAdapter, MODELS_DIR, readCatalogue } from '../../../src/model/node';
import { entropy, softmax } from '../../../src/math/index';

const cat = readCatalogue();
const parent = defaultEntry(cat);
const checkpoints = parent.checkpoints ?? [];
const PROMPT = 'Once upon a time there was';
const config = JSON.parse(readFileSync(`${MODELS_DIR}/${entryFolder(parent)}config.json`, 'utf8')) as { n_layer: number; n_head: number; n_embd: number; vocab_size: number };

async function onnxLastRow(file: string, ids: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'basic' });
  const T = ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
  };
  for (let l = 0; l < config.n_layer; l++) {
    for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, config.n_head, 0, config.n_embd / config.n_head]);
  }
  const logits = (await session.run(feeds)).logits.data as Float32Array;
  return logits.slice((T - 1) * config.vocab_size, T * config.vocab_size);
}

describe('checkpoint refs', () => {
  it('resolve to their own folder with the parent tokenizer; an unlisted step falls back to the default with a note', () => {
    for (const c of checkpoints) {
      const ref = checkpointRef(parent, c);
      const { entry, note } = resolveModelRef(cat, ref);
      expect(note, ref).toBeUndefined();
      if (c.path === '.') expect(entry).toBe(parent);
      else expect(entry).toEqual(checkpointEntry(cat, ref));
    }
    expect(checkpointEntry(cat, `${parent.id}@${parent.version}/step-999999`)).toBeNull();
    expect(resolveModelRef(cat, `${parent.id}@${parent.version}/step-999999`).note).toMatch(/showing the current model/);
  });

  it('the listing is ordered by step, ends with the model itself, and names files that exist with their byte counts', () => {
    if (!checkpoints.length) return;
    expect(checkpoints.map((c) => c.step)).toEqual([...checkpoints.map((c) => c.step)].sort((a, b) => a - b));
    expect(checkpoints.at(-1)!.path).toBe('.');
    for (const c of checkpoints) {
      const file = `${MODELS_DIR}/${entryFolder(parent)}${c.path === '.' ? '' : c.path + '/'}${c.file}`;
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file).byteLength, file).toBe(c.bytes);
    }
  });
});

describe.each(checkpoints.map((c) => [c.step, c] as const))('checkpoint at step %i', (step, c) => {
  it('next-token probabilities match onnxruntime-node on its own file at 1e-4', async () => {
    const adapter = await loadAdapter({ ref: checkpointRef(parent, c) });
    const { ids } = adapter.encode(PROMPT);
    const site = await adapter.nextTokens(PROMPT, 10);
    const file = `${MODELS_DIR}/${entryFolder(parent)}${c.path === '.' ? '' : c.path + '/'}${c.file}`;
    const ref = softmax(await onnxLastRow(file, ids));
    for (const t of site.top) expect(Math.abs(t.p - ref[t.id]), `token ${t.id}`).toBeLessThan(1e-4);
    if (step === 0) expect(Math.abs(entropy(ref) - Math.log(config.vocab_size))).toBeLessThan(0.5);
  });
});
