import { bits, crossEntropy, entropy, logSoftmax, perplexity, softmax } from '../../../src/math/index';
import { assertInDelta } from './assert';

describe('entropy', () => {
  it('is ln n nats for the uniform distribution over n outcomes', () => {
    for (const n of [2, 3, 10, 8192]) {
      assertInDelta(entropy(new Float64Array(n).fill(1 / n)), Math.log(n), 1e-9);
    }
  });

  it('is 0 for a one-hot (0 · ln 0 counts as 0)', () => {
    expect(entropy([0, 1, 0])).toBe(0);
  });

  it('matches a hand-computed value: H(½, ¼, ⅛, ⅛) = 1.75 bits', () => {
    const p = [0.5, 0.25, 0.125, 0.125];
    assertInDelta(entropy(p), 1.75 * Math.LN2, 1e-12);
    assertInDelta(bits(entropy(p)), 1.75, 1e-12);
  });

  it('rejects negative or NaN probabilities', () => {
    expect(() => entropy([1.2, -0.2])).toThrow(RangeError);
    expect(() => entropy([NaN, 1])).toThrow(RangeError);
  });
});

describe('bits', () => {
  it('converts nats to bits: ln 2 nats is 1 bit', () => {
    assertInDelta(bits(Math.LN2), 1, 1e-15);
    assertInDelta(bits(1), 1.4426950408889634, 1e-15);
  });
});

describe('crossEntropy', () => {
  it('matches a hand-computed value: logSumExp([2, -1, 0.5, 3]) − 0.5', () => {
    assertInDelta(crossEntropy([2, -1, 0.5, 3], 2), 2.8840917012886904, 1e-12);
  });

  it('equals −log softmax[target] for every target', () => {
    const logits = [0.3, -1.7, 2.2, 0.9, -0.4];
    const p = softmax(logits);
    for (let t = 0; t < logits.length; t++) assertInDelta(crossEntropy(logits, t), -Math.log(p[t]), 1e-12);
  });

  it('is ln V for uniform logits (an untrained model)', () => {
    assertInDelta(crossEntropy(new Float32Array(8192), 17), Math.log(8192), 1e-9);
  });

  it('is finite for targets softmax would round to 0, and Infinity for masked ones', () => {
    assertInDelta(crossEntropy([0, -2000], 1), 2000, 1e-9);
    assertInDelta(crossEntropy([0, -2000], 1), -logSoftmax([0, -2000])[1], 1e-9);
    expect(crossEntropy([0, -Infinity], 1)).toBe(Infinity);
  });

  it('rejects a target outside the vocabulary', () => {
    expect(() => crossEntropy([1, 2], 2)).toThrow(RangeError);
    expect(() => crossEntropy([1, 2], -1)).toThrow(RangeError);
    expect(() => crossEntropy([1, 2], 0.5)).toThrow(RangeError);
  });
});

describe('perplexity', () => {
  it('is exp of the loss, so a uniform guess over V tokens has perplexity V', () => {
    assertInDelta(perplexity(Math.log(8192)), 8192, 1e-6);
    assertInDelta(perplexity(0), 1, 0);
  });

  it('averages a list of per-token losses before exponentiating', () => {
    // exp(mean(ln 2, ln 8)) = exp(ln 4) = 4, not the mean of 2 and 8.
    assertInDelta(perplexity([Math.log(2), Math.log(8)]), 4, 1e-12);
    expect(() => perplexity([])).toThrow(RangeError);
  });
});
