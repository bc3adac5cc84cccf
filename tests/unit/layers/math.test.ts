/** The layers chapter's pure pieces on small hand-made inputs, where the right answer is known. */
import { describe, expect, it } from 'vitest';
import { lensLogits, lensTop, logitLens } from '../../../src/math/logit-lens';
import { contributionsOf } from '../../../src/diagrams/kit/layers/contributions';
import { sideFilesFrom } from '../../../src/model/assets';
import { vocabTexts } from '../../../src/model/weights';
import { sampleTops, topNeurons } from '../../../src/diagrams/mlp-neurons/data';
import { assertInDelta } from '../math/assert';

// d = 2, vocab = 3; ln_f with gain 1 and shift 0 maps any (a, b) with a > b to (1, −1) (up to eps).
const norm = { weight: [1, 1], bias: [0, 0], eps: 0 };
const un = { wte: [1, 0, 0, 1, 2, -2], vocab: 3, d: 2 };

describe('logit lens', () => {
  it('normalises, then scores every token by its embedding row', () => {
    assertInDelta(lensLogits([3, 1], norm, un), [1, -1, 4], 1e-9);
    // Scale and shift of the stream do not matter after LayerNorm.
    assertInDelta(lensLogits([30, 10], norm, un), [1, -1, 4], 1e-9);
  });

  it('returns the top k with softmax probabilities over the whole vocabulary', () => {
    const z = Math.exp(1) + Math.exp(-1) + Math.exp(4);
    const top = lensTop([3, 1], norm, un, 2);
    expect(top.map((e) => e.id)).toEqual([2, 0]);
    assertInDelta(top.map((e) => e.p), [Math.exp(4) / z, Math.exp(1) / z], 1e-12);
  });

  it('decodes every layer × token and checks shapes', () => {
    const lens = logitLens([3, 1, 1, 3, 0, 5, 5, 0], 2, 2, norm, un, 1);
    expect(lens.map((r) => r.map((c) => c[0].id))).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(() => logitLens([1, 2, 3], 2, 2, norm, un)).toThrow(RangeError);
    expect(() => lensLogits([1, 2, 3], norm, un)).toThrow(RangeError);
  });
});

describe('contributions', () => {
  it('are the lengths of what each block adds and of the stream in and out', () => {
    const tr = {
      hiddenStates: { data: [3, 4, 0, 0, 6, 8, 1, 0], shape: [2, 2, 2] },
      attnOutput: { data: [0, 3, 0, 0], shape: [1, 2, 2] },
      mlpOutput: { data: [3, 1, 1, 0], shape: [1, 2, 2] },
    };
    expect(contributionsOf(tr, 0)).toEqual([{ layer: 1, attn_norm: 3, mlp_norm: Math.hypot(3, 1), resid_norm: 5, out_norm: 10 }]);
    expect(contributionsOf(tr, 1)[0].out_norm).toBe(1);
  });
});

describe('side files and vocabulary', () => {
  const manifest = {
    wte: { file: 'weights/wte.f32', dtype: 'float32' as const, shape: [3, 2] as [number, number] },
    wpe: { file: 'weights/wpe.f32', dtype: 'float32' as const, shape: [4, 2] as [number, number] },
    ln_f: { weight: [1, 1], bias: [0, 0], eps: 1e-5 },
  };
  it('wraps matching binaries and refuses mismatched ones', () => {
    const files = (wte: number, wpe: number) => (f: string) => new ArrayBuffer(f.includes('wte') ? wte : wpe);
    const s = sideFilesFrom(manifest, files(24, 32));
    expect(s.unembedding).toMatchObject({ vocab: 3, d: 2 });
    expect(s.wpe).toHaveLength(8);
    expect(() => sideFilesFrom(manifest, files(20, 32))).toThrow(/wte/);
    expect(() => sideFilesFrom(manifest, files(24, 8))).toThrow(/wpe/);
  });

  it('decodes byte-level pieces to text and keeps special tokens by name', () => {
    const v = vocabTexts({ model: { vocab: { 'Ġthe': 0, a: 1, 'Ċ': 2 } }, added_tokens: [{ id: 3, content: '<|endoftext|>' }] }, 4);
    expect(v).toEqual([' the', 'a', '\n', '<|endoftext|>']);
  });
});

describe('MLP neurons', () => {
  // [L=1][T=3][W=3]
  const acts = { data: [0.1, 2, -0.1, 0.5, 0.2, 3, 1.5, 0, 0], shape: [1, 3, 3] };
  it('ranks a layer’s neurons by their largest activation over the text', () => {
    expect(topNeurons(acts, 0, 2)).toEqual([
      { neuron: 2, max: 3, acts: [-0.1, 3, 0] },
      { neuron: 1, max: 2, acts: [2, 0.2, 0] },
    ]);
  });

  it('finds each neuron’s strongest sample tokens across passages, ties in reading order', () => {
    const other = { data: [3, 3, 3], shape: [1, 1, 3] };
    const tops = sampleTops([acts, other], 2);
    expect(tops[0][0]).toEqual([
      [1, 0, 3],
      [0, 2, 1.5],
    ]);
    expect(tops[0][2]).toEqual([
      [0, 1, 3],
      [1, 0, 3],
    ]);
  });
});
