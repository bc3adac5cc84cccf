/**
 * The gradient step's numbers for one text, position and learning rate, from a forward pass
 * (hidden states and logits) and the weight side files (ln_f and the tied unembedding). Pure:
 * the element and the example script both call `stepBody`.
 */
import { layerNorm } from '../../math/linalg';
import { gradientStep, otherLoss } from '../../math/gradient-step';
import { topK } from '../../math/sampling';
import type { FinalNorm, Unembedding } from '../../math/logit-lens';

/** How many candidates the bars show, besides the true next token. */
export const SHOWN = 8;

export interface StepInputs {
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  /** [T][d] the last layer's residual stream, before ln_f. */
  hidden: ArrayLike<number>;
  /** [T][V] the model's logits, for the other positions' losses. */
  logits: ArrayLike<number>;
  norm: FinalNorm;
  un: Unembedding;
  vocab: readonly string[];
}

export interface Candidate {
  id: number;
  text: string;
  p_before: number;
  p_after: number;
}

export type Verdict = 'too small' | 'good' | 'too large' | 'none';

export interface StepBody {
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  /** 1-based position stepped (clamped to the text); 0 when the text has under two tokens. */
  position: number;
  target: { id: number; text: string } | null;
  lr: number;
  /** −ln p(target), nats, before and after the step. */
  loss_before: number;
  loss_after: number;
  /** ‖∂L/∂W‖ (Frobenius) and ‖∂L/∂logits‖ = ‖p − y‖. */
  grad_norm: number;
  logit_grad_norm: number;
  /** ‖x‖² of the normed state: the logits move by lr·‖x‖²·(p − y). */
  x_norm2: number;
  /** The shown candidates: the top before, the top after and the target, by p_before. */
  p_before: { id: number; text: string; p: number }[];
  p_after: { id: number; text: string; p: number }[];
  /** Mean loss over the sentence's other positions before and after the same update, nats. */
  others: { count: number; before: number; after: number };
  verdict: Verdict;
}

export function stepBody(inp: StepInputs, position: number, lr: number, source: StepBody['source']): StepBody {
  const T = inp.tokens.length;
  const { d, vocab: V } = inp.un;
  const pos = T < 2 ? 0 : Math.min(Math.max(1, position), T - 1);
  const empty: StepBody = { source, model: inp.model, text: inp.text, tokens: inp.tokens, position: 0, target: null, lr, loss_before: 0, loss_after: 0, grad_norm: 0, logit_grad_norm: 0, x_norm2: 0, p_before: [], p_after: [], others: { count: 0, before: 0, after: 0 }, verdict: 'none' };
  if (!pos) return empty;
  const row = (a: ArrayLike<number>, t: number, n: number) => Array.prototype.slice.call(a, t * n, t * n + n) as number[];
  const t = pos - 1;
  const y = inp.tokens[pos].id;
  const h = row(inp.hidden, t, d);
  const s = gradientStep(h, inp.norm, inp.un, y, lr);
  const x = layerNorm(h, inp.norm.weight, inp.norm.bias, inp.norm.eps);
  const ids = [...new Set([...topK(s.pBefore, SHOWN).map((r) => r.index), ...topK(s.pAfter, 3).map((r) => r.index), y])].sort((a, b) => s.pBefore[b] - s.pBefore[a]);
  const name = (id: number) => inp.vocab[id] ?? '';
  let before = 0, after = 0, count = 0;
  for (let u = 0; u < T - 1; u++) {
    if (u === t) continue;
    const zt = row(inp.logits, u, V);
    const target = inp.tokens[u + 1].id;
    const xt = layerNorm(row(inp.hidden, u, d), inp.norm.weight, inp.norm.bias, inp.norm.eps);
    before += otherLoss(zt, xt, x, s.pBefore, y, target, 0);
    after += otherLoss(zt, xt, x, s.pBefore, y, target, lr);
    count++;
  }
  const others = { count, before: count ? before / count : 0, after: count ? after / count : 0 };
  // "Too small": under 1 % of this position's loss was removed; "too large": the rest of the sentence got worse.
  const verdict: Verdict = s.lossBefore - s.lossAfter < 0.01 * s.lossBefore ? 'too small' : others.after > others.before + 0.01 ? 'too large' : 'good';
  return {
    ...empty,
    position: pos,
    target: { id: y, text: name(y) },
    loss_before: s.lossBefore,
    loss_after: s.lossAfter,
    grad_norm: s.gradNorm,
    logit_grad_norm: s.logitGradNorm,
    x_norm2: s.xNorm2,
    p_before: ids.map((id) => ({ id, text: name(id), p: s.pBefore[id] })),
    p_after: ids.map((id) => ({ id, text: name(id), p: s.pAfter[id] })),
    others,
    verdict,
  };
}

export function candidates(b: StepBody): Candidate[] {
  return b.p_before.map((c, i) => ({ id: c.id, text: c.text, p_before: c.p, p_after: b.p_after[i]?.p ?? 0 }));
}
