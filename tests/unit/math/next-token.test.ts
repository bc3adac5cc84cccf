import { describe, expect, it } from 'vitest';
import {
  addRound,
  BET_FLOOR,
  EMPTY_TALLY,
  modelLoss,
  natsToBits,
  normalizeBet,
  pickBet,
  rankBand,
  rankOf,
  readerLoss,
  scorePosition,
  scoreSequence,
  tallyMeans,
} from '../../../src/math/next-token';
import { assertInDelta } from './assert';

// Logits ln 4, ln 2, ln 1, ln 1: the exponentials are 4, 2, 1, 1 (sum 8), so p = ½, ¼, ⅛, ⅛.
const ROW = [Math.log(4), Math.log(2), 0, 0];

describe('scorePosition', () => {
  it('matches a hand-worked row: p = ¼, loss = ln 4, rank 2', () => {
    const s = scorePosition(ROW, 1, 2);
    assertInDelta(s.p, 0.25, 1e-12);
    assertInDelta(s.loss, Math.log(4), 1e-12);
    expect(s.rank).toBe(2);
    expect(s.index).toBe(2);
    expect(s.seen).toBe(1);
    expect(s.top.map((t) => t.id)).toEqual([0, 1, 2, 3]);
    assertInDelta(
      s.top.map((t) => t.p),
      [0.5, 0.25, 0.125, 0.125],
      1e-12,
    );
  });

  it('gives tied tokens the same rank: 1 + count strictly above', () => {
    expect(rankOf(ROW, 2)).toBe(3);
    expect(rankOf(ROW, 3)).toBe(3);
    expect(rankOf(ROW, 0)).toBe(1);
    expect(rankOf([5, 5, 5], 2)).toBe(1);
  });

  it('is stable for huge logits: ±1e4 do not overflow', () => {
    const s = scorePosition([1e4, 1e4 - Math.log(3), -1e4], 1, 2);
    assertInDelta(s.p, 0.25, 1e-9);
    assertInDelta(s.loss, Math.log(4), 1e-9);
    const far = scorePosition([1e4, -1e4], 1, 2);
    expect(far.p).toBe(0);
    assertInDelta(far.loss, 2e4, 1e-6);
  });

  it('keeps the five most likely when V is larger', () => {
    const row = Array.from({ length: 50 }, (_, v) => -v * 0.1);
    const s = scorePosition(row, 49, 3);
    expect(s.top.map((t) => t.id)).toEqual([0, 1, 2, 3, 4]);
    expect(s.rank).toBe(50);
  });

  it('rejects a target outside the vocabulary', () => {
    expect(() => scorePosition(ROW, 4, 2)).toThrow(RangeError);
    expect(() => rankOf(ROW, -1)).toThrow(RangeError);
  });
});

describe('scoreSequence', () => {
  it('scores token i from row i − 1 and averages the losses', () => {
    // V = 4, T = 3: row 0 predicts ids[1] = 1 (p ¼), row 1 predicts ids[2] = 0 (p ½); row 2 is unused.
    const logits = [...ROW, ...ROW, 9, 9, 9, 9];
    const s = scoreSequence(Float32Array.from(logits), [3, 1, 0], 4);
    expect(s.positions.map((p) => p.index)).toEqual([2, 3]);
    expect(s.positions.map((p) => p.target)).toEqual([1, 0]);
    expect(s.positions.map((p) => p.rank)).toEqual([2, 1]);
    const mean = (Math.log(4) + Math.log(2)) / 2;
    assertInDelta(s.meanLoss ?? NaN, mean, 1e-6);
    // e^mean = √8 ≈ 2.83: as unsure as a fair pick among 2.83 tokens.
    assertInDelta(s.perplexity ?? NaN, Math.sqrt(8), 1e-5);
  });

  it('has no positions for zero or one token', () => {
    for (const ids of [[], [2]]) {
      const s = scoreSequence(new Float32Array(ids.length * 4), ids, 4);
      expect(s.positions).toEqual([]);
      expect(s.meanLoss).toBeNull();
      expect(s.perplexity).toBeNull();
    }
  });

  it('rejects logits of the wrong size', () => {
    expect(() => scoreSequence([1, 2, 3], [0, 1], 4)).toThrow(RangeError);
  });
});

describe('rankBand', () => {
  it('cuts at 1, 10, 100 and 1,000', () => {
    expect([1, 2, 10, 11, 100, 101, 1000, 1001, 8192].map(rankBand)).toEqual([
      'top1',
      'top10',
      'top10',
      'top100',
      'top100',
      'top1000',
      'top1000',
      'worse',
      'worse',
    ]);
    expect(() => rankBand(0)).toThrow(RangeError);
  });
});

describe('the game', () => {
  it('scores a single pick: 0 nats if right, −ln 0.001 ≈ 6.91 nats if wrong', () => {
    expect(readerLoss(pickBet(7), 7)).toBe(0);
    assertInDelta(readerLoss(pickBet(7), 8), 6.907755278982137, 1e-12);
    expect(BET_FLOOR).toBe(1e-3);
  });

  it('scores shares: 40 % on the true token costs ln 2.5 nats', () => {
    const bet = { ids: [1, 2, 3], shares: [40, 35, 25] };
    assertInDelta(readerLoss(bet, 1), Math.log(2.5), 1e-12);
    assertInDelta(natsToBits(readerLoss(bet, 1)), Math.log2(2.5), 1e-12);
  });

  it('normalises shares, and all zeros become an even split', () => {
    assertInDelta(normalizeBet({ ids: [1, 2], shares: [3, 1] }).shares, [0.75, 0.25], 1e-15);
    assertInDelta(normalizeBet({ ids: [1, 2, 3, 4], shares: [0, 0, 0, 0] }).shares, [0.25, 0.25, 0.25, 0.25], 1e-15);
    expect(() => normalizeBet({ ids: [1], shares: [-1] })).toThrow(RangeError);
    expect(() => normalizeBet({ ids: [], shares: [] })).toThrow(RangeError);
  });

  it('keeps a running tally of both losses', () => {
    let t = addRound(EMPTY_TALLY, { reader: 1, model: 2 });
    t = addRound(t, { reader: 3, model: 0.5 });
    expect(t).toEqual({ rounds: 2, reader: 4, model: 2.5, readerWins: 1 });
    expect(tallyMeans(t)).toEqual({ reader: 2, model: 1.25 });
    expect(tallyMeans(EMPTY_TALLY)).toBeNull();
    expect(EMPTY_TALLY.rounds).toBe(0);
  });

  it("charges the model −ln p(true)", () => {
    assertInDelta(modelLoss(0.25), Math.log(4), 1e-12);
    expect(modelLoss(1)).toBe(0);
    expect(() => modelLoss(1.5)).toThrow(RangeError);
  });
});
