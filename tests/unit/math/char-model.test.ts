/** The reader's character model: seeded and deterministic, starts near ln V, and learns. */
import { describe, expect, it } from 'vitest';
import { CharModel } from '../../../src/math/char-model';
import { TRAIN_TEXT } from '../../../src/data/train-text';

describe('CharModel', () => {
  it('the same seed and text give the same losses and samples; another seed does not', () => {
    const run = (seed: number) => {
      const m = new CharModel(TRAIN_TEXT, { lr: 0.01, seed });
      const losses = Array.from({ length: 30 }, () => m.step());
      return { losses, sample: m.sample(40, seed) };
    };
    const a = run(3), b = run(3), c = run(4);
    expect(b).toEqual(a);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('starts within 0.1 nats of uniform (ln V) and is clearly lower after 500 steps', () => {
    const m = new CharModel(TRAIN_TEXT, { lr: 0.01, seed: 1 });
    const start = m.fullLoss();
    expect(Math.abs(start - Math.log(m.vocab))).toBeLessThan(0.1);
    for (let i = 0; i < 500; i++) m.step();
    expect(m.fullLoss()).toBeLessThan(start - 1);
  });

  it('samples only characters of the text, after its first context characters', () => {
    const m = new CharModel('abcabcabd', { lr: 0.01, seed: 2, context: 2 });
    const s = m.sample(20, 5);
    expect(s.startsWith('ab')).toBe(true);
    expect([...s].every((ch) => 'abcd'.includes(ch))).toBe(true);
    expect(() => new CharModel('ab', { lr: 0.01, seed: 1, context: 2 })).toThrow(RangeError);
  });
});
