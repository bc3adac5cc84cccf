/**
 * Confident is not correct, as numbers: for each factual prompt, the model's five most likely next
 * tokens, how sure it is of its top guess (top-1 p), the probability and rank it gives the first
 * token of the true answer, and whether its top guess is that token. Pure (no model import): the
 * page, the example-data script and the tests share it. snake_case as the exports.
 */
import { scorePosition, TOP_K } from '../../math/next-token';

export interface FactPrompt {
  prompt: string;
  /** The true continuation, leading space included (" Paris"). */
  answer: string;
}

/**
 * Prompts written for this project, the tutorial's "The capital of France is" among them: a few
 * facts of the world, a few from books the model was trained on (MODEL.md lists them), and a few
 * fixed phrases, so some guesses are right and some wrong.
 */
export const DEFAULT_PROMPTS: readonly FactPrompt[] = [
  { prompt: 'The capital of France is', answer: ' Paris' },
  { prompt: 'The detective Sherlock', answer: ' Holmes' },
  { prompt: 'Sherlock Holmes lived on Baker', answer: ' Street' },
  { prompt: 'Once upon a time, there', answer: ' was' },
  { prompt: 'The United States of', answer: ' America' },
  { prompt: 'Spiders have eight', answer: ' legs' },
  { prompt: 'A week has seven', answer: ' days' },
  { prompt: 'Christopher Columbus sailed to', answer: ' America' },
  { prompt: 'The Earth goes around the', answer: ' sun' },
  { prompt: 'Two and two make', answer: ' four' },
];

/** At most this many prompts the reader adds (each is one forward pass). */
export const MAX_ADDED = 8;
/** Between a prompt and its answer in the `added` state: one line per prompt. */
export const SEPARATOR = ' | ';

/**
 * The answer as the model would continue the prompt: a word after a prompt that ends without a
 * space gets the space the tokenizer puts in front of words.
 */
export function normalizeAnswer(prompt: string, answer: string): string {
  const a = answer.replace(/\s+$/, '');
  return /\s$/.test(prompt) || /^\s/.test(a) ? a : ` ${a}`;
}

/** The `added` state as prompts: lines "prompt | answer"; lines without both halves are skipped. */
export function parseAdded(added: string): FactPrompt[] {
  const out: FactPrompt[] = [];
  for (const line of added.split('\n')) {
    const at = line.lastIndexOf('|');
    if (at < 0) continue;
    const prompt = line.slice(0, at).trim();
    const answer = line.slice(at + 1).trim();
    if (prompt && answer) out.push({ prompt, answer: normalizeAnswer(prompt, answer) });
    if (out.length === MAX_ADDED) break;
  }
  return out;
}

/** One more prompt on the `added` state. */
export function appendAdded(added: string, p: FactPrompt): string {
  const line = `${p.prompt.replace(/[|\n]/g, ' ').trim()}${SEPARATOR}${p.answer.replace(/[|\n]/g, ' ').trim()}`;
  return added.trim() ? `${added.trim()}\n${line}` : line;
}

export interface Guess {
  id: number;
  text: string;
  /** In [0, 1]. */
  p: number;
}

export interface PromptResult extends FactPrompt {
  /** True for a prompt the reader added. */
  added: boolean;
  /** Tokens of the prompt. */
  tokens: number;
  /** The answer's first token: the one the model should put first. */
  answer_token: { id: number; text: string };
  /** Five most likely next tokens, most likely first. */
  top: Guess[];
  /** p of the top guess: how sure the model is. */
  confidence: number;
  answer_p: number;
  /** 1 = the model's top guess, among all vocabulary tokens. */
  answer_rank: number;
  /** The top guess is the answer's first token. */
  right: boolean;
}

/**
 * @param row the next-token logits after the prompt ([V]).
 * @param answerId the answer's first token id.
 * @param decode a token id's text.
 */
export function scorePrompt(p: FactPrompt & { added?: boolean }, tokens: number, row: ArrayLike<number>, answerId: number, decode: (id: number) => string): PromptResult {
  const s = scorePosition(row, answerId, tokens + 1, TOP_K);
  const top = s.top.map((g) => ({ id: g.id, text: decode(g.id), p: g.p }));
  return {
    prompt: p.prompt,
    answer: p.answer,
    added: !!p.added,
    tokens,
    answer_token: { id: answerId, text: decode(answerId) },
    top,
    confidence: top[0].p,
    answer_p: s.p,
    answer_rank: s.rank,
    right: s.rank === 1,
  };
}

/**
 * The answer's first token: the ids of prompt + answer after the prompt's own, where the prompt's
 * tokens are a prefix of them (almost always: the answer starts with a space); else the answer's
 * own first token.
 */
export function answerFirstId(promptIds: readonly number[], jointIds: readonly number[], answerIds: readonly number[]): number {
  const prefix = promptIds.every((id, i) => jointIds[i] === id) && jointIds.length > promptIds.length;
  const id = prefix ? jointIds[promptIds.length] : answerIds[0];
  if (id === undefined) throw new Error('answerFirstId: the answer has no tokens');
  return id;
}

export interface ConfidenceSummary {
  right: number;
  wrong: number;
  /** Mean top-1 p over right and over wrong prompts; null with none. */
  mean_confidence_right: number | null;
  mean_confidence_wrong: number | null;
}

export function summarize(results: readonly PromptResult[]): ConfidenceSummary {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const r = results.filter((x) => x.right);
  const w = results.filter((x) => !x.right);
  return {
    right: r.length,
    wrong: w.length,
    mean_confidence_right: mean(r.map((x) => x.confidence)),
    mean_confidence_wrong: mean(w.map((x) => x.confidence)),
  };
}
