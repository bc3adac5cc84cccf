/** contextual-path's numbers from the real model in Node (onnxruntime needs Node's typed arrays, not jsdom's). */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCloud, type Cloud } from '../../../src/diagrams/kit/orbit/cloud';
import { findWord, pathStats, project, runOf, type PathView } from '../../../src/diagrams/contextual-path/data';
import { pathPoints } from '../../../src/diagrams/contextual-path/render';
import { nodeModel, readCatalogue } from '../../../src/model/node';
import { nodeEmbeddings } from '../../../src/model/weights-node';
import type { Embeddings } from '../../../src/model/weights';

const config = JSON.parse(readFileSync(`public/models/${readCatalogue().default}/config.json`, 'utf8'));
let emb: Embeddings;
let cloud: Cloud;
let view: PathView;
beforeAll(async () => {
  emb = await nodeEmbeddings();
  cloud = buildCloud(emb);
  const model = nodeModel();
  const [a, b] = await Promise.all([model.trace('The river bank was muddy.'), model.trace('The bank gave him a loan.')]);
  view = { model: a.model, word: 'bank', a: runOf(a, 'bank'), b: runOf(b, 'bank'), basis: cloud.basis };
}, 60_000);

describe('contextual-path data', () => {
  it('finds the word as a token, ignoring its leading space and case', () => {
    const tokens = [{ text: 'The' }, { text: ' Bank' }, { text: ' bank' }];
    expect(findWord(tokens, 'bank')).toBe(1);
    expect(findWord(tokens, ' zebra')).toBe(-1);
    expect(findWord(tokens, '  ')).toBe(-1);
  });

  it('takes the word’s hidden state after embedding and after every layer', () => {
    expect(view.a.at).toBe(2);
    expect(view.a.states).toHaveLength(config.n_layer + 1);
    expect(view.a.states[0]).toHaveLength(config.n_embd);
    // Layer 0 is token + position embedding: wte[id] + wpe[position], from the side files.
    const id = view.a.tokens[view.a.at].id;
    const d = config.n_embd;
    const sum = Array.from({ length: d }, (_, c) => emb.wte.data[id * d + c] + emb.wpe.data[view.a.at * d + c]);
    view.a.states[0].forEach((x, c) => expect(Math.abs(x - sum[c])).toBeLessThan(1e-4));
  });

  it('projects onto exactly the cloud’s axes: a wte row lands on its point in the cloud', () => {
    for (const id of [0, 101, 5000]) {
      const p = project(cloud.basis, emb.wte.data.subarray(id * config.n_embd, (id + 1) * config.n_embd));
      p.forEach((x, k) => expect(Math.abs(x - cloud.coords[id * 3 + k])).toBeLessThan(1e-5));
    }
  });

  it('compares the two states by cosine, layer by layer, and scales both paths to radius 1', () => {
    const s = pathStats(view);
    expect(s.cos).toHaveLength(config.n_layer + 1);
    for (const c of s.cos) expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-9);
    const { coords, labels } = pathPoints(s);
    expect(labels).toEqual([...s.a.map((_p, l) => `A${l}`), ...s.b.map((_p, l) => `B${l}`)]);
    let r = 0;
    for (let i = 0; i < coords.length; i += 3) r = Math.max(r, Math.hypot(coords[i], coords[i + 1], coords[i + 2]));
    expect(r).toBeCloseTo(1, 5);
  });
});
