/** The output-layer gradient step: the closed form against an explicit update of W, and finite differences. */
import { describe, expect, it } from 'vitest';
import { gradientStep, otherLoss, stepFromLogits } from '../../../src/math/gradient-step';
import { layerNorm } from '../../../src/math/linalg';
import { mulberry32 } from '../../../src/math/sampling';
import { assertInDelta } from './assert';

const rng = mulberry32(11);
const V = 7, d = 5;
const W = Float64Array.from({ length: V * d }, () => rng() - 0.5);
const norm = { weight: Array.from({ length: d }, () => 0.5 + rng()), bias: Array.from({ length: d }, () => rng() - 0.5), eps: 1e-5 };
const h = Array.from({ length: d }, () => rng() * 4 - 2);
const un = { wte: W, vocab: V, d };
const y = 3;

function lossOf(Wm: Float64Array, x: ArrayLike<number>, target: number) {
  const z = Array.from({ length: V }, (_, v) => Array.from({ length: d }, (_, c) => Wm[v * d + c] * x[c]).reduce((a, b) => a + b));
  const m = Math.max(...z);
  return Math.log(z.reduce((a, b) => a + Math.exp(b - m), 0)) + m - z[target];
}

describe('gradientStep', () => {
  const x = layerNorm(h, norm.weight, norm.bias, norm.eps);

  it('p_after is softmax of an explicitly updated W times x', () => {
    const lr = 0.3;
    const s = gradientStep(h, norm, un, y, lr);
    const W2 = W.map((w, i) => w - lr * (s.pBefore[Math.floor(i / d)] - (Math.floor(i / d) === y ? 1 : 0)) * x[i % d]);
    assertInDelta(s.lossAfter, lossOf(W2, x, y), 1e-12);
    assertInDelta(s.lossBefore, lossOf(W, x, y), 1e-12);
    let sum = 0;
    for (const p of s.pAfter) sum += p;
    assertInDelta(sum, 1, 1e-12);
  });

  it('p − onehot(y) is the gradient of the loss in W (finite differences), and grad_norm its Frobenius norm', () => {
    const s = gradientStep(h, norm, un, y, 0);
    const eps = 1e-6;
    let fro = 0;
    for (let i = 0; i < W.length; i++) {
      const up = W.slice(); up[i] += eps;
      const dn = W.slice(); dn[i] -= eps;
      const g = (lossOf(up, x, y) - lossOf(dn, x, y)) / (2 * eps);
      const v = Math.floor(i / d);
      assertInDelta(g, (s.pBefore[v] - (v === y ? 1 : 0)) * x[i % d], 1e-6);
      fro += g * g;
    }
    assertInDelta(s.gradNorm, Math.sqrt(fro), 1e-6);
  });

  it('a small step lowers the loss; lr 0 changes nothing', () => {
    const small = gradientStep(h, norm, un, y, 0.01);
    expect(small.lossAfter).toBeLessThan(small.lossBefore);
    const none = gradientStep(h, norm, un, y, 0);
    assertInDelta(none.pAfter, none.pBefore, 0);
  });

  it('otherLoss moves another position by the same W update', () => {
    const lr = 0.2;
    const s = gradientStep(h, norm, un, y, lr);
    const h2 = Array.from({ length: d }, () => rng() - 0.5);
    const x2 = layerNorm(h2, norm.weight, norm.bias, norm.eps);
    const W2 = W.map((w, i) => w - lr * (s.pBefore[Math.floor(i / d)] - (Math.floor(i / d) === y ? 1 : 0)) * x[i % d]);
    const z2 = gradientStep(h2, norm, un, 1, 0).logitsBefore;
    assertInDelta(otherLoss(z2, x2, x, s.pBefore, y, 1, lr), lossOf(W2, x2, 1), 1e-12);
  });

  it('rejects a target outside the vocabulary', () => {
    expect(() => stepFromLogits([0, 1], [1], 2, 0.1)).toThrow(RangeError);
  });
});
