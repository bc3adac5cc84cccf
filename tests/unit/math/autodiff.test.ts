/** Reverse-mode gradients against central finite differences, op by op and through the whole character model's graph. */
import { describe, expect, it } from 'vitest';
import { addRow, backward, crossEntropy, embed, Mat, matmul, tanh } from '../../../src/math/autodiff';
import { mulberry32 } from '../../../src/math/sampling';
import { assertInDelta } from './assert';

const rng = mulberry32(7);
const rand = (r: number, c: number) => new Mat(r, c, Float64Array.from({ length: r * c }, () => rng() * 2 - 1));

/** Central differences of `f` (a scalar of the current data) for every entry of `m`, step 1e-6. */
function numeric(m: Mat, f: () => number): Float64Array {
  const h = 1e-6;
  return m.data.map((x, i) => {
    m.data[i] = x + h;
    const up = f();
    m.data[i] = x - h;
    const down = f();
    m.data[i] = x;
    return (up - down) / (2 * h);
  });
}

/** Checks every input's reverse-mode gradient against finite differences at 1e-6. */
function check(inputs: Mat[], build: () => Mat) {
  for (const m of inputs) m.grad.fill(0);
  backward(build());
  const analytic = inputs.map((m) => Float64Array.from(m.grad));
  inputs.forEach((m, k) => assertInDelta(analytic[k], numeric(m, () => build().data[0]), 1e-6));
}

describe('autodiff', () => {
  const targets = [2, 0, 4];

  it('matmul: both operands', () => {
    const a = rand(3, 4), b = rand(4, 5);
    check([a, b], () => crossEntropy(matmul(a, b), targets));
  });

  it('addRow: the matrix and the bias row', () => {
    const a = rand(3, 5), bias = rand(1, 5);
    check([a, bias], () => crossEntropy(addRow(a, bias), targets));
  });

  it('tanh', () => {
    const a = rand(3, 5);
    check([a], () => crossEntropy(tanh(a), targets));
  });

  it('embed: repeated ids add their gradients', () => {
    const E = rand(6, 3), W = rand(6, 5);
    const ids = [[1, 1], [0, 5], [5, 2]];
    check([E, W], () => crossEntropy(matmul(embed(E, ids), W), targets));
  });

  it('the whole character-model graph, every parameter', () => {
    const E = rand(5, 3), W1 = rand(6, 7), b1 = rand(1, 7), W2 = rand(7, 5), b2 = rand(1, 5);
    const ids = [[0, 1], [4, 4], [2, 3]];
    check([E, W1, b1, W2, b2], () => crossEntropy(addRow(matmul(tanh(addRow(matmul(embed(E, ids), W1), b1)), W2), b2), targets));
  });

  it('crossEntropy of equal logits is ln V', () => {
    expect(crossEntropy(new Mat(2, 8), [3, 7]).data[0]).toBeCloseTo(Math.log(8), 12);
  });

  it('backward refuses a non-scalar and a shape mismatch throws', () => {
    expect(() => backward(rand(2, 2))).toThrow(/scalar/);
    expect(() => matmul(rand(2, 3), rand(2, 3))).toThrow(RangeError);
  });
});
