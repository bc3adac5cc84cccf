/**
 * The next-token window's data, built from one forward pass: for each position, what the model
 * had seen, its top guesses, and what the true next token cost it. Pure (no model import), so the
 * browser, the example-data script and the tests share it. The shape is the export's
 * (`positions`, `mean_loss`, `perplexity`), snake_case as in the other exports.
 */
import { rankBand, scoreSequence, TOP_K, type RankBand } from '../../../math/next-token';

/** What a Trace carries that this builder needs; the model's Trace satisfies it. */
export interface TraceLike {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: readonly { id: number; text: string }[];
  /** [T][V] raw logits, row-major. */
  logits: { data: ArrayLike<number>; shape: readonly number[] };
}

export interface WindowToken {
  id: number;
  text: string;
}

export interface WindowPosition {
  /** 1-based position of the target token in the text (2 … T). */
  index: number;
  /** Tokens the model saw before this guess: index − 1. */
  seen_tokens: number;
  target: WindowToken;
  /** Probability the model gave the target, in [0, 1]. */
  p: number;
  /** −ln p, nats. */
  loss: number;
  /** 1 = the model's top guess, among all vocabulary tokens. */
  rank: number;
  band: RankBand;
  /** The model's five most likely tokens, most likely first. */
  top: (WindowToken & { p: number })[];
}

export interface WindowData {
  model: { id: string; version: string };
  text: string;
  /** True when the text was cut to the model's context. */
  truncated: boolean;
  tokens: WindowToken[];
  positions: WindowPosition[];
  /** Mean loss over the positions, nats per token; null with fewer than two tokens. */
  mean_loss: number | null;
  /** e^mean_loss; null with fewer than two tokens. */
  perplexity: number | null;
}

/**
 * @param trace one forward pass over the text.
 * @param decode a token id's text (for the top guesses, which are not in the text).
 */
export function buildWindow(trace: TraceLike, decode: (id: number) => string): WindowData {
  const tokens = trace.tokens.map((t) => ({ id: t.id, text: t.text }));
  const [T, V] = trace.logits.shape;
  if (T !== tokens.length) throw new RangeError(`buildWindow: ${T} logit rows for ${tokens.length} tokens`);
  const ids = tokens.map((t) => t.id);
  const score = scoreSequence(trace.logits.data, ids, V ?? 0, TOP_K);
  return {
    model: { id: trace.model.id, version: trace.model.version },
    text: trace.text,
    truncated: trace.truncated,
    tokens,
    positions: score.positions.map((s) => ({
      index: s.index,
      seen_tokens: s.seen,
      target: tokens[s.index - 1],
      p: s.p,
      loss: s.loss,
      rank: s.rank,
      band: rankBand(s.rank),
      top: s.top.map((g) => ({ id: g.id, text: decode(g.id), p: g.p })),
    })),
    mean_loss: score.meanLoss,
    perplexity: score.perplexity,
  };
}

/**
 * Why there is nothing to draw, or null when there is: with no text, or one token, the model
 * makes no guess it can be scored on (the first token has nothing before it).
 */
export function emptyMessage(d: Pick<WindowData, 'tokens'>): string | null {
  if (d.tokens.length === 0) return 'Type some text: the model needs at least two tokens, one to read and one to guess.';
  if (d.tokens.length === 1) {
    return 'This text is a single token, so there is nothing to guess yet: add a word and the model will predict it from the first.';
  }
  return null;
}

/** The selected position clamped into the text's positions (2 … T), or null with none. */
export function clampPosition(d: Pick<WindowData, 'positions'>, position: number | undefined): number | null {
  const n = d.positions.length;
  if (n === 0) return null;
  const first = d.positions[0].index;
  const last = d.positions[n - 1].index;
  const p = Number.isFinite(position) ? Math.round(position as number) : last;
  return Math.min(last, Math.max(first, p));
}
