/**
 * One step of gradient descent on the output layer alone, for one position (the training
 * chapter's gradient-step diagram). With x = ln_f(h) the final hidden state (length d), W the tied
 * unembedding [vocab][d] and y the true next token:
 *   logits = W x,  p = softmax(logits),  L = −ln p_y  (nats)
 *   ∂L/∂logits = p − onehot(y),  ∂L/∂W = (p − onehot(y)) xᵀ
 *   W′ = W − η (p − onehot(y)) xᵀ  ⇒  logits′ = W′ x = logits − η ‖x‖² (p − onehot(y))
 * The same W′ also moves every other position's logits, by −η (x_t·x)(p − onehot(y)): that is
 * how a step that is too large for one guess spoils the others (`otherLogits`).
 * Pure and dependency-free; float64 throughout.
 */
import { layerNorm } from './linalg';
import { logSumExp } from './softmax';
import { lensLogits, type FinalNorm, type Unembedding } from './logit-lens';

export interface GradientStep {
  /** ‖x‖², x = ln_f(h): how far one unit of learning rate moves the logits. */
  xNorm2: number;
  /** Logits and probabilities before and after the step, length vocab. */
  logitsBefore: Float64Array;
  logitsAfter: Float64Array;
  pBefore: Float64Array;
  pAfter: Float64Array;
  /** −ln p_y before and after, nats. */
  lossBefore: number;
  lossAfter: number;
  /** ‖∂L/∂logits‖ = ‖p − onehot(y)‖. */
  logitGradNorm: number;
  /** ‖∂L/∂W‖_F = ‖p − onehot(y)‖ · ‖x‖ (an outer product's Frobenius norm). */
  gradNorm: number;
}

function softmaxOf(logits: Float64Array): Float64Array {
  const lse = logSumExp(logits);
  return logits.map((z) => Math.exp(z - lse));
}

/** The step from logits already computed as W·ln_f(h) (`logits`) and the normed state `x`. */
export function stepFromLogits(logits: ArrayLike<number>, x: ArrayLike<number>, y: number, lr: number): GradientStep {
  const V = logits.length;
  if (!Number.isInteger(y) || y < 0 || y >= V) throw new RangeError(`gradientStep: target ${y} is outside 0..${V - 1}`);
  let xNorm2 = 0;
  for (let i = 0; i < x.length; i++) xNorm2 += x[i] * x[i];
  const logitsBefore = Float64Array.from(logits);
  const pBefore = softmaxOf(logitsBefore);
  const logitsAfter = new Float64Array(V);
  let g2 = 0;
  for (let v = 0; v < V; v++) {
    const g = pBefore[v] - (v === y ? 1 : 0);
    g2 += g * g;
    logitsAfter[v] = logitsBefore[v] - lr * xNorm2 * g;
  }
  const pAfter = softmaxOf(logitsAfter);
  return {
    xNorm2,
    logitsBefore,
    logitsAfter,
    pBefore,
    pAfter,
    lossBefore: logSumExp(logitsBefore) - logitsBefore[y],
    lossAfter: logSumExp(logitsAfter) - logitsAfter[y],
    logitGradNorm: Math.sqrt(g2),
    gradNorm: Math.sqrt(g2 * xNorm2),
  };
}

/**
 * The step for one position from its residual stream `h` (before ln_f, length d).
 * @param lr the learning rate η, per unit of ∂L/∂W.
 */
export function gradientStep(h: ArrayLike<number>, norm: FinalNorm, un: Unembedding, y: number, lr: number): GradientStep {
  return stepFromLogits(lensLogits(h, norm, un), layerNorm(h, norm.weight, norm.bias, norm.eps), y, lr);
}

/**
 * Another position's loss after the same update: its logits move by −η (x_t·x)(p − onehot(y)),
 * where x_t is its own normed state, x and p the stepped position's. Returns −ln p′_target, nats.
 */
export function otherLoss(logitsT: ArrayLike<number>, xT: ArrayLike<number>, x: ArrayLike<number>, p: ArrayLike<number>, y: number, target: number, lr: number): number {
  let dot = 0;
  for (let i = 0; i < x.length; i++) dot += xT[i] * x[i];
  const moved = new Float64Array(logitsT.length);
  for (let v = 0; v < moved.length; v++) moved[v] = logitsT[v] - lr * dot * (p[v] - (v === y ? 1 : 0));
  return logSumExp(moved) - moved[target];
}
