/**
 * Acceptance for the next-token chapter: the window's export, built from the site's trace, must
 * match an independent onnxruntime-node run of the shipped ONNX file (not through transformers.js
 * or our adapter) on the same token ids: every p at 1e-4, every rank exactly, and mean_loss the
 * mean of the losses.
 */
import type * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../../src/model/node';
import type { Adapter } from '../../../src/model/core';
import { buildWindow, emptyMessage } from '../../../src/diagrams/kit/window/data';
import { buildRound, GAME_SENTENCES } from '../../../src/diagrams/next-token-game/game';
import { config, onnxLogits, onnxSession } from './onnx-reference';

const SENTENCES = [
  'The capital of France is Paris.',
  'Once upon a time there was a little girl who lived in a village near the forest.',
  'She opened the door, and the cat ran out into the rain.',
  'naïve 👩‍👩‍👧 日本 <b>bold</b>',
];

let model: Adapter;
let session: ort.InferenceSession;

beforeAll(async () => {
  model = await loadAdapter();
  session = await onnxSession();
});

/** Softmax and rank written out longhand in float64, independent of src/math. */
function reference(row: Float32Array, target: number): { p: number; rank: number } {
  let m = -Infinity;
  for (const z of row) m = Math.max(m, z);
  let s = 0;
  for (const z of row) s += Math.exp(z - m);
  let rank = 1;
  for (const z of row) if (z > row[target]) rank++;
  return { p: Math.exp(row[target] - m) / s, rank };
}

describe('next-token window against onnxruntime-node', () => {
  it.each(SENTENCES)('%s', async (text) => {
    const trace = await model.trace(text);
    const w = buildWindow(trace, (v) => model.token(v, -1).text);
    const ids = trace.tokens.map((t) => t.id);
    const T = ids.length;
    const V = config.vocab_size;
    expect(T).toBeGreaterThan(2);
    expect(w.positions.map((p) => p.index)).toEqual(Array.from({ length: T - 1 }, (_, i) => i + 2));

    const logits = await onnxLogits(session, ids);
    expect(logits.length).toBe(T * V);
    for (const pos of w.positions) {
      const row = logits.subarray((pos.index - 2) * V, (pos.index - 1) * V);
      const ref = reference(row, ids[pos.index - 1]);
      expect(pos.target.id).toBe(ids[pos.index - 1]);
      expect(pos.seen_tokens).toBe(pos.index - 1);
      expect(Math.abs(pos.p - ref.p)).toBeLessThan(1e-4);
      expect(pos.rank).toBe(ref.rank);
      expect(Math.abs(pos.loss + Math.log(pos.p))).toBeLessThan(1e-9);
      expect(pos.top).toHaveLength(5);
      for (const g of pos.top) expect(Math.abs(g.p - reference(row, g.id).p)).toBeLessThan(1e-4);
      // The top guess is the independent argmax; a target ranked 1 is that guess.
      expect(reference(row, pos.top[0].id).rank).toBe(1);
      if (pos.rank === 1) expect(pos.top[0].p).toBeCloseTo(pos.p, 12);
    }
    const mean = w.positions.reduce((a, p) => a + p.loss, 0) / w.positions.length;
    expect(Math.abs((w.mean_loss ?? NaN) - mean)).toBeLessThan(1e-12);
    expect(Math.abs((w.perplexity ?? NaN) - Math.exp(mean))).toBeLessThan(1e-9);
    expect(w.model).toEqual({ id: model.info.id, version: model.info.version });
    // A token holding part of an emoji's UTF-8 shows as U+FFFD, so only ASCII text joins back exactly.
    if (/^[\x20-\x7e]*$/.test(text)) expect(w.tokens.map((t) => t.text).join('')).toBe(text);
  });

  it('gives a clear message, not positions, for empty and one-token text', async () => {
    for (const text of ['', 'The']) {
      const trace = await model.trace(text);
      const w = buildWindow(trace, (v) => model.token(v, -1).text);
      expect(w.positions).toEqual([]);
      expect(w.mean_loss).toBeNull();
      expect(emptyMessage(w)).toMatch(/two tokens|single token/);
    }
  });

  it('marks text longer than the context as cut', async () => {
    const trace = await model.trace('word '.repeat(400));
    const w = buildWindow(trace, (v) => model.token(v, -1).text);
    expect(w.truncated).toBe(true);
    expect(w.positions).toHaveLength(model.info.nPositions - 1);
  });

  it('gives every built-in game sentence rounds with five distinct candidates, the true token among them', async () => {
    for (const s of GAME_SENTENCES) {
      const w = buildWindow(await model.trace(s.text), (v) => model.token(v, -1).text);
      expect(w.positions.length, s.text).toBeGreaterThanOrEqual(5);
      for (let r = 1; r <= w.positions.length; r++) {
        const round = buildRound(w, s.id, r)!;
        const ids = round.candidates.map((c) => c.id);
        expect(new Set(ids).size).toBe(5);
        expect(ids).toContain(round.target.id);
        expect(round.seen.map((t) => t.text).join('') + round.target.text).toBe(w.tokens.slice(0, r + 1).map((t) => t.text).join(''));
      }
    }
  });
});
