/**
 * The next-token game's rules, pure: which sentence, which round, which five candidate tokens
 * (in what order), and how a bet is scored against the model. A round hides one token of a
 * sentence: in round r the reader sees the first r tokens and bets on token r + 1, so a
 * sentence of T tokens has T − 1 rounds, the same positions as the next-token window's.
 */
import { mulberry32 } from '../../math/sampling';
import { readerLoss, type Bet, type RoundScore } from '../../math/next-token';
import sentences from '../../data/next-token-game.json' with { type: 'json' };
import type { WindowData, WindowToken } from '../kit/window/data';

export interface GameSentence {
  /** 1-based; the URL's `sentence`. */
  id: number;
  text: string;
}

export const GAME_SENTENCES: readonly GameSentence[] = sentences.sentences;

/** Candidates per round: the reader always chooses among this many tokens. */
export const CANDIDATES = 5;

export interface Candidate extends WindowToken {
  /** The model's probability for this token over the whole vocabulary. */
  p: number;
}

export interface GameRound {
  /** The sentence's 1-based id, or 0 for a text the reader typed. */
  sentence: number;
  /** 1-based; the reader has seen `round` tokens. */
  round: number;
  rounds: number;
  /** The tokens the reader sees. */
  seen: WindowToken[];
  /** Five tokens in a shuffled order that depends only on the text and the round. */
  candidates: Candidate[];
  target: WindowToken;
  /** The model's probability of the true token, over the whole vocabulary. */
  p_true: number;
  /** −ln p_true, nats: what the model pays this round. */
  model_loss: number;
}

export function sentenceText(id: number): string | null {
  return GAME_SENTENCES.find((s) => s.id === id)?.text ?? null;
}

/** The round clamped into 1 … rounds; null when the text has fewer than two tokens. */
export function clampRound(d: Pick<WindowData, 'positions'>, round: number | undefined): number | null {
  const n = d.positions.length;
  if (n === 0) return null;
  const r = Number.isFinite(round) ? Math.round(round as number) : 1;
  return Math.min(n, Math.max(1, r));
}

/** FNV-1a over the text's UTF-16 units: a stable 32-bit seed, so a link reproduces the order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The model's top four plus the true token; if the true token is already among them, the
 * model's fifth guess fills the slot, so there are always five. Shuffled (Fisher–Yates) with a
 * seed from the text and the round, so the true token's place gives nothing away but a link
 * shows the same order.
 */
export function pickCandidates(d: WindowData, round: number): Candidate[] {
  const pos = d.positions[round - 1];
  const top = pos.top.slice(0, CANDIDATES - 1);
  const picked: Candidate[] = top.map((g) => ({ id: g.id, text: g.text, p: g.p }));
  if (!picked.some((c) => c.id === pos.target.id)) picked.push({ ...pos.target, p: pos.p });
  else if (pos.top[CANDIDATES - 1]) picked.push({ ...pos.top[CANDIDATES - 1] });
  const rng = mulberry32(hash(d.text) ^ Math.imul(round, 0x9e3779b1));
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [picked[i], picked[j]] = [picked[j], picked[i]];
  }
  return picked;
}

/** One round of the game from the window data of its sentence; null with no rounds. */
export function buildRound(d: WindowData, sentence: number, round: number | undefined): GameRound | null {
  const r = clampRound(d, round);
  if (r === null) return null;
  const pos = d.positions[r - 1];
  return {
    sentence,
    round: r,
    rounds: d.positions.length,
    seen: d.tokens.slice(0, pos.seen_tokens),
    candidates: pickCandidates(d, r),
    target: pos.target,
    p_true: pos.p,
    // The window's loss, computed from the logits, stays finite even where p underflows to 0.
    model_loss: pos.loss,
  };
}

/** Reader and model log-loss on this round's true token, in nats. */
export function scoreRound(round: Pick<GameRound, 'target' | 'model_loss'>, bet: Bet): RoundScore {
  return { reader: readerLoss(bet, round.target.id), model: round.model_loss };
}
