/**
 * The decoding lab's sampler chain against examples worked by hand. Logits are chosen as logs of
 * simple probabilities, so softmax gives them back: log [0.5, 0.25, 0.15, 0.1] → [0.5, 0.25, 0.15, 0.1].
 */
import { describe, expect, it } from 'vitest';
import { applySampler, bannedByNgram, choose, NEUTRAL, pick, runChain, segments, type SamplerSettings } from '../../../src/math/decoding';
import { beamSearch, drawSamples, generate, mergeSamples } from '../../../src/math/generation';
import { softmax } from '../../../src/math/softmax';
import { mulberry32 } from '../../../src/math/sampling';
import { assertInDelta } from './assert';

const P = [0.5, 0.25, 0.15, 0.1];
const LOGITS = P.map(Math.log);
const S = (over: Partial<SamplerSettings>): SamplerSettings => ({ ...NEUTRAL, ...over });
const probsOf = (scores: Float64Array) => Array.from(softmax(scores));

describe('each sampler, worked by hand', () => {
  it('temperature 0.5 squares the probabilities before renormalising', () => {
    // p² = [0.25, 0.0625, 0.0225, 0.01], sum 0.345
    const out = probsOf(applySampler('temperature', Float64Array.from(LOGITS), S({ temperature: 0.5 }), []));
    assertInDelta(out, [0.25 / 0.345, 0.0625 / 0.345, 0.0225 / 0.345, 0.01 / 0.345], 1e-12);
  });

  it('temperature 0 keeps only the most likely token (greedy)', () => {
    assertInDelta(probsOf(applySampler('temperature', Float64Array.from(LOGITS), S({ temperature: 0 }), [])), [1, 0, 0, 0], 0);
  });

  it('top-k 2 keeps 0.5 and 0.25, renormalised to 2/3 and 1/3', () => {
    assertInDelta(probsOf(applySampler('top_k', Float64Array.from(LOGITS), S({ top_k: 2 }), [])), [2 / 3, 1 / 3, 0, 0], 1e-12);
  });

  it('top-p 0.8 keeps 0.5 + 0.25 + 0.15 = 0.9, the first sum to reach 0.8', () => {
    assertInDelta(probsOf(applySampler('top_p', Float64Array.from(LOGITS), S({ top_p: 0.8 }), [])), [0.5 / 0.9, 0.25 / 0.9, 0.15 / 0.9, 0], 1e-12);
  });

  it('top-p 0.75 stops exactly at 0.5 + 0.25 despite binary rounding', () => {
    assertInDelta(probsOf(applySampler('top_p', Float64Array.from(LOGITS), S({ top_p: 0.75 }), [])), [2 / 3, 1 / 3, 0, 0], 1e-12);
  });

  it('min-p 0.3 keeps tokens with p ≥ 0.3 · 0.5 = 0.15', () => {
    assertInDelta(probsOf(applySampler('min_p', Float64Array.from(LOGITS), S({ min_p: 0.3 }), [])), [0.5 / 0.9, 0.25 / 0.9, 0.15 / 0.9, 0], 1e-12);
  });

  it('typical-p keeps the tokens whose surprise is closest to the entropy', () => {
    // H = −Σ p ln p = 0.347 + 0.347 + 0.285 + 0.230 = 1.208 nats; surprises −ln p = [0.693, 1.386, 1.897, 2.303];
    // distances [0.515, 0.178, 0.689, 1.095], so the order is 0.25, 0.5, 0.15, 0.1.
    const h = -P.reduce((a, p) => a + p * Math.log(p), 0);
    assertInDelta(h, 1.208, 1e-3);
    // 0.7: 0.25 + 0.5 = 0.75 reaches it.
    assertInDelta(probsOf(applySampler('typical_p', Float64Array.from(LOGITS), S({ typical_p: 0.7 }), [])), [2 / 3, 1 / 3, 0, 0], 1e-12);
    // 0.2: the single most typical token, 0.25, is enough, not the most likely one.
    assertInDelta(probsOf(applySampler('typical_p', Float64Array.from(LOGITS), S({ typical_p: 0.2 }), [])), [0, 1, 0, 0], 1e-12);
  });

  it('repetition penalty 2 halves a positive logit and doubles a negative one (CTRL)', () => {
    const out = applySampler('repetition_penalty', Float64Array.from([2, -1, 0.5, 3]), S({ repetition_penalty: 2 }), [0, 1, 1]);
    assertInDelta(Array.from(out), [1, -2, 0.5, 3], 0);
  });

  it('no-repeat 2-gram bans what followed earlier copies of the last token', () => {
    // Context "a b a": the 2-gram (a, b) was seen, so after the final a, b is banned.
    expect([...bannedByNgram([0, 1, 0], 2)]).toEqual([1]);
    expect([...bannedByNgram([0, 1, 2, 0, 3, 0], 2)].sort()).toEqual([1, 3]);
    expect([...bannedByNgram([0, 1, 2], 3)]).toEqual([]);
    expect([...bannedByNgram([5, 6], 1)].sort()).toEqual([5, 6]);
    const out = probsOf(applySampler('no_repeat_ngram', Float64Array.from(LOGITS), S({ no_repeat_ngram: 2 }), [0, 1, 0]));
    assertInDelta(out, [0.5 / 0.75, 0, 0.15 / 0.75, 0.1 / 0.75], 1e-12);
  });
});

describe('the chain', () => {
  it('applies the samplers in the given order, each cut with its kept mass', () => {
    // top-k 3 keeps 0.9 of the mass → [5/9, 2.5/9, 1.5/9]; top-p 0.6 then needs 5/9 + 2.5/9.
    const c = runChain(LOGITS, ['top_k', 'top_p'], S({ top_k: 3, top_p: 0.6 }));
    expect(c.stages.map((s) => [s.sampler, s.kept])).toEqual([['top_k', 3], ['top_p', 2]]);
    assertInDelta(c.stages.map((s) => s.kept_mass), [0.9, 7.5 / 9], 1e-12);
    assertInDelta(Array.from(c.final), [2 / 3, 1 / 3, 0, 0], 1e-12);
    assertInDelta(c.kept_mass, 0.75, 1e-12);
    // Reversed: top-p 0.6 keeps 0.5 + 0.25 first, and top-k 3 then has only two to keep.
    const r = runChain(LOGITS, ['top_p', 'top_k'], S({ top_k: 3, top_p: 0.6 }));
    expect(r.stages.map((s) => s.kept)).toEqual([2, 2]);
  });

  it('depends on the order: temperature before or after min-p', () => {
    // min-p 0.25 keeps p ≥ 0.125 (three tokens); at T = 0.5 first, p² renormalised puts 0.15 at 0.065 < 0.18.
    const a = runChain(LOGITS, ['min_p', 'temperature'], S({ min_p: 0.25, temperature: 0.5 }));
    const b = runChain(LOGITS, ['temperature', 'min_p'], S({ min_p: 0.25, temperature: 0.5 }));
    expect(a.final.filter((p) => p > 0).length).toBe(3);
    expect(b.final.filter((p) => p > 0).length).toBe(2);
  });

  it('with no samplers is the model itself, and temperature 0 is greedy with no draw', () => {
    assertInDelta(Array.from(runChain(LOGITS, [], NEUTRAL).final), P, 1e-12);
    const g = runChain(LOGITS, ['temperature', 'top_p'], S({ temperature: 0 }));
    expect(g.greedy).toBe(true);
    expect(choose(g, () => { throw new Error('no draw for greedy'); })).toEqual({ id: 0, u: null });
  });
});

describe('the draw', () => {
  it('lays tokens out most likely first and picks the segment holding u', () => {
    const q = [0.1, 0.5, 0.15, 0.25];
    const segs = segments(q);
    expect(segs.map((s) => s.id)).toEqual([1, 3, 2, 0]);
    assertInDelta(segs.map((s) => s.end), [0.5, 0.75, 0.9, 1], 1e-12);
    expect([0, 0.49, 0.5, 0.74, 0.75, 0.89, 0.9, 0.999].map((u) => pick(q, u))).toEqual([1, 1, 3, 3, 2, 2, 0, 0]);
  });

  it('draws one u per sampled step from the seeded stream', () => {
    const c = runChain(LOGITS, ['top_k'], S({ top_k: 4 }));
    const u = mulberry32(42)();
    expect(choose(c, mulberry32(42))).toEqual({ id: pick(c.final, u), u });
  });
});

/** A tiny "model" over 3 tokens: the logits depend on the last token only. */
const table: Record<number, number[]> = { 0: [0.1, 0.5, 0.4].map(Math.log), 1: [0.4, 0.3, 0.3].map(Math.log), 2: [0.9, 0.05, 0.05].map(Math.log) };
const bigram = async (ids: readonly number[]) => table[ids[ids.length - 1]];

describe('loops over a model', () => {
  it('greedy generation follows the argmax, and a fork replaces one token and regenerates after it', async () => {
    const greedy = { order: ['temperature'] as const, settings: S({ temperature: 0 }), seed: 1, steps: 4 };
    const steps = await generate(bigram, [0], greedy);
    expect(steps.map((s) => s.chosen.id)).toEqual([1, 0, 1, 0]);
    expect(steps.map((s) => s.position)).toEqual([2, 3, 4, 5]);
    assertInDelta(steps[0].chosen.p_model, 0.5, 1e-12);
    const forked = await generate(bigram, [0], { ...greedy, forks: new Map([[1, 2]]) });
    expect(forked.map((s) => s.chosen.id)).toEqual([1, 2, 0, 1]);
    expect(forked.map((s) => s.forked)).toEqual([false, true, false, false]);
  });

  it('sampled generation is a function of the seed', async () => {
    const o = { order: ['temperature'] as const, settings: S({ temperature: 1 }), steps: 12 };
    const ids = async (seed: number) => (await generate(bigram, [0], { ...o, seed })).map((s) => s.chosen.id).join('');
    expect(await ids(7)).toBe(await ids(7));
    expect(await ids(7)).not.toBe(await ids(8));
  });

  it('beam search keeps the best sums of log-probability, and finds what greedy misses', async () => {
    // Greedy from 0 takes 1 (0.5), then 0 (0.4): 0.20. Two beams also keep 2 (0.4), whose next
    // token is surer: 2 then 0 is 0.4 · 0.9 = 0.36. Step 2 prunes 1 → 1 (0.15) and 2 → 1 (0.02).
    const r = await beamSearch(bigram, [0], { width: 2, steps: 2, lengthPenalty: 1 });
    expect(r.nodes.filter((n) => n.step === 1).map((n) => [n.tokens, n.kept])).toEqual([[[1], true], [[2], true]]);
    expect(r.beams.map((b) => b.tokens)).toEqual([[2, 0], [1, 0]]);
    assertInDelta(r.beams.map((b) => b.logp), [Math.log(0.36), Math.log(0.2)], 1e-12);
    assertInDelta(r.beams[0].score, Math.log(0.36) / 2, 1e-12);
    expect(r.nodes.filter((n) => n.step === 2 && !n.kept).map((n) => n.tokens)).toEqual([[1, 1], [2, 1]]);
    const greedy = await beamSearch(bigram, [0], { width: 1, steps: 2, lengthPenalty: 1 });
    expect(greedy.beams[0].tokens).toEqual([1, 0]);
  });

  it('merges samples into a tree of counts and asks once per distinct prefix', async () => {
    const tree = mergeSamples([[1, 2], [1, 2], [1, 0], [2, 0]]);
    expect(tree.map((n) => [n.id, n.count])).toEqual([[1, 3], [2, 1]]);
    expect(tree[0].children.map((n) => [n.id, n.count])).toEqual([[2, 2], [0, 1]]);
    const asked: string[] = [];
    const samples = await drawSamples(
      async (seqs) => seqs.map((s) => (asked.push(s.join(',')), table[s[s.length - 1]])),
      [0],
      { n: 50, length: 3, order: [], settings: NEUTRAL, seed: 3 },
    );
    expect(samples).toHaveLength(50);
    expect(new Set(asked).size).toBe(asked.length);
    // Level 1 has one prefix (the prompt); with three tokens, at most 3 and 9 after it.
    expect(asked.length).toBeLessThanOrEqual(1 + 3 + 9);
  });
});
