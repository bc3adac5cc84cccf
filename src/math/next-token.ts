/**
 * Next-token prediction scored position by position, and the reader's bet against the model.
 *
 * One forward pass over T tokens gives T rows of logits; row i − 1 is the model's guess for token
 * i, having seen tokens 0 … i − 1 (the causal mask hides the rest). So a text of T tokens is
 * T − 1 exercises at once. Losses are natural logs, in nats; {@link natsToBits} converts.
 * Pure: no site imports, inputs never modified.
 */

import { bits, perplexity as perplexityOf } from './information';
import { logSumExp } from './softmax';
import { topK } from './sampling';

/** Guesses kept per position: the window shows the model's five most likely tokens. */
export const TOP_K = 5;

/** One candidate: a token id and its probability under the model. */
export interface Guess {
  id: number;
  p: number;
}

/** How the model did on one target token. */
export interface PositionScore {
  /** 1-based position of the target token in the text (2 … T): the model saw index − 1 tokens. */
  index: number;
  /** Tokens the model saw before guessing: index − 1. */
  seen: number;
  /** Token id of the true next token. */
  target: number;
  /** Probability the model gave the target, in [0, 1]. */
  p: number;
  /** −ln p(target), in nats, ≥ 0: the training loss at this position. */
  loss: number;
  /** 1 + the number of tokens with a strictly greater logit: 1 is the model's top guess, ties share a rank. */
  rank: number;
  /** The model's top guesses, most likely first (ties by lower id). */
  top: Guess[];
}

export interface SequenceScore {
  positions: PositionScore[];
  /** Mean of the positions' losses, nats per token; `null` with no positions (fewer than two tokens). */
  meanLoss: number | null;
  /** e^meanLoss: the number of equally likely tokens that would leave the model as unsure. */
  perplexity: number | null;
}

/**
 * Rank of `target` among all entries of one logit row: 1 + count of strictly greater logits.
 * Exact (no sorting), and computed on logits rather than probabilities so two tokens whose
 * probabilities round to the same float are still told apart.
 */
export function rankOf(logits: ArrayLike<number>, target: number): number {
  checkId(target, logits.length, 'rankOf');
  const t = logits[target];
  let above = 0;
  for (let v = 0; v < logits.length; v++) if (logits[v] > t) above++;
  return 1 + above;
}

/**
 * Score one logit row against its true next token.
 *
 * @param logits one row, length V (vocabulary), raw logits, no NaN.
 * @param target the true next token id, in [0, V).
 * @param index 1-based position of the target in the text.
 */
export function scorePosition(logits: ArrayLike<number>, target: number, index: number, k = TOP_K): PositionScore {
  checkId(target, logits.length, 'scorePosition');
  // log p = z − logSumExp(z): the max is subtracted inside logSumExp, so nothing overflows.
  const lse = logSumExp(logits);
  const loss = lse - logits[target];
  const probs = new Float64Array(logits.length);
  for (let v = 0; v < logits.length; v++) probs[v] = Math.exp(logits[v] - lse);
  return {
    index,
    seen: index - 1,
    target,
    p: Math.exp(-loss),
    loss,
    rank: rankOf(logits, target),
    top: topK(probs, k).map(({ index: id, p }) => ({ id, p })),
  };
}

/**
 * Score every position of a text from one forward pass.
 *
 * @param logits row-major [T][V]: row t holds the logits for the token after token t.
 * @param ids the T token ids of the text.
 * @param vocab V, the row length.
 * @returns T − 1 positions (targets 2 … T, 1-based); none for T < 2, with null mean and perplexity.
 */
export function scoreSequence(logits: ArrayLike<number>, ids: readonly number[], vocab: number, k = TOP_K): SequenceScore {
  const T = ids.length;
  if (!Number.isInteger(vocab) || vocab < 1) throw new RangeError(`scoreSequence: vocabulary size ${vocab}`);
  if (logits.length !== T * vocab) {
    throw new RangeError(`scoreSequence: ${logits.length} logits for ${T} tokens × ${vocab}`);
  }
  const positions: PositionScore[] = [];
  for (let i = 1; i < T; i++) {
    const row = sliceRow(logits, i - 1, vocab);
    positions.push(scorePosition(row, ids[i], i + 1, k));
  }
  const meanLoss = positions.length ? mean(positions.map((p) => p.loss)) : null;
  return { positions, meanLoss, perplexity: meanLoss === null ? null : perplexityOf(meanLoss) };
}

function sliceRow(x: ArrayLike<number>, row: number, n: number): ArrayLike<number> {
  const a = x as { subarray?: (s: number, e: number) => ArrayLike<number> };
  if (typeof a.subarray === 'function') return a.subarray(row * n, (row + 1) * n);
  return Array.prototype.slice.call(x, row * n, (row + 1) * n) as number[];
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Rank bands in the manner of GLTR (Gehrmann et al., 2019): was the true token the model's top
 * guess, in its top 10, top 100, top 1,000, or further down?
 * @see https://arxiv.org/abs/1906.04043
 */
export const RANK_BANDS = [
  { id: 'top1', max: 1, label: 'top guess' },
  { id: 'top10', max: 10, label: 'top 10' },
  { id: 'top100', max: 100, label: 'top 100' },
  { id: 'top1000', max: 1000, label: 'top 1,000' },
  { id: 'worse', max: Infinity, label: 'below 1,000' },
] as const;

export type RankBand = (typeof RANK_BANDS)[number]['id'];

/** The band of a 1-based rank. */
export function rankBand(rank: number): RankBand {
  if (!(rank >= 1)) throw new RangeError(`rankBand: rank ${rank} is below 1`);
  for (const b of RANK_BANDS) if (rank <= b.max) return b.id;
  return 'worse';
}

/** Nats to bits: 1 nat = 1 / ln 2 ≈ 1.443 bits. */
export function natsToBits(nats: number): number {
  return bits(nats);
}

/**
 * The reader's smallest counted share, as a fraction of 1. A log-loss of a bet that gave the true
 * token nothing would be infinite, and one miss would swamp every later round; with this floor a
 * complete miss costs −ln 0.001 ≈ 6.9 nats (10 bits), about what a model pays for a token it
 * ranked far down. Prose: "a miss costs you 6.9 nats, as if you had given it 0.1 %".
 */
export const BET_FLOOR = 1e-3;

/** A bet: shares of 1 over up to five candidate token ids. */
export interface Bet {
  ids: readonly number[];
  /** One per id, each ≥ 0; normalised to sum 1 by {@link normalizeBet}. */
  shares: readonly number[];
}

/** A single pick: all of the bet on one token. */
export function pickBet(id: number): Bet {
  return { ids: [id], shares: [1] };
}

/**
 * Shares scaled to sum to 1 (slider values need not add up exactly). All-zero shares, which a
 * reader gets by dragging every slider to 0, become an even split: no opinion, not an error.
 */
export function normalizeBet(bet: Bet): Bet {
  if (bet.ids.length !== bet.shares.length) throw new RangeError('normalizeBet: one share per id');
  if (bet.ids.length === 0) throw new RangeError('normalizeBet: a bet needs at least one candidate');
  let s = 0;
  for (const x of bet.shares) {
    if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`normalizeBet: share ${x}`);
    s += x;
  }
  const n = bet.shares.length;
  return { ids: [...bet.ids], shares: bet.shares.map((x) => (s > 0 ? x / s : 1 / n)) };
}

/** The share a (normalised) bet put on `id`; 0 if it is not among the candidates. */
export function shareOf(bet: Bet, id: number): number {
  const b = normalizeBet(bet);
  let s = 0;
  b.ids.forEach((c, i) => {
    if (c === id) s += b.shares[i];
  });
  return s;
}

/** The reader's log-loss in nats: −ln max(share on the true token, BET_FLOOR). */
export function readerLoss(bet: Bet, trueId: number, floor = BET_FLOOR): number {
  // 0 − ln x rather than −ln x: a sure, right bet scores 0, not −0 (which would print as "-0.00").
  return 0 - Math.log(Math.max(shareOf(bet, trueId), floor));
}

/** The model's log-loss in nats on the same token: −ln p_model(true), from the full distribution. */
export function modelLoss(pTrue: number): number {
  if (!(pTrue >= 0 && pTrue <= 1)) throw new RangeError(`modelLoss: probability ${pTrue}`);
  return 0 - Math.log(pTrue);
}

export interface RoundScore {
  /** nats */
  reader: number;
  /** nats */
  model: number;
}

/** Totals over the rounds played: losses summed in nats. */
export interface Tally {
  rounds: number;
  reader: number;
  model: number;
  /** Rounds where the reader's loss was strictly lower than the model's. */
  readerWins: number;
}

export const EMPTY_TALLY: Tally = Object.freeze({ rounds: 0, reader: 0, model: 0, readerWins: 0 });

/** The tally after one more round; the input tally is not modified. */
export function addRound(tally: Tally, round: RoundScore): Tally {
  return {
    rounds: tally.rounds + 1,
    reader: tally.reader + round.reader,
    model: tally.model + round.model,
    readerWins: tally.readerWins + (round.reader < round.model ? 1 : 0),
  };
}

/** Mean losses per round, nats; null before any round. */
export function tallyMeans(t: Tally): { reader: number; model: number } | null {
  return t.rounds ? { reader: t.reader / t.rounds, model: t.model / t.rounds } : null;
}

function checkId(id: number, n: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= n) throw new RangeError(`${what}: token ${id} outside [0, ${n})`);
}
