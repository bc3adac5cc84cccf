/**
 * Compute-optimal scaling (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
 * https://arxiv.org/abs/2203.15556). Units: N in parameters, D in training tokens, C in FLOPs,
 * loss in nats per token.
 */

/** The constants of the parametric loss L(N, D) = E + A / N^α + B / D^β. */
export interface ScalingConstants {
  /** Irreducible loss, nats/token: the entropy of natural text the fit extrapolates to. */
  E: number;
  /** Coefficient of the model-size term, nats/token · parameters^α. */
  A: number;
  /** Coefficient of the data term, nats/token · tokens^β. */
  B: number;
  /** Exponent of N, dimensionless. */
  alpha: number;
  /** Exponent of D, dimensionless. */
  beta: number;
}

/** Hoffmann et al. 2022, the fit of approach 3 (section 3.3). */
export const CHINCHILLA: Readonly<ScalingConstants> = Object.freeze({
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
});

/**
 * Predicted final training loss L(N, D) = E + A / N^α + B / D^β.
 *
 * @param N parameters, > 0.
 * @param D training tokens, > 0.
 * @param constants defaults to {@link CHINCHILLA}.
 * @returns nats per token (Chinchilla 70B on 1.4T tokens ≈ 1.937).
 */
export function chinchillaLoss(N: number, D: number, constants: ScalingConstants = CHINCHILLA): number {
  if (!(N > 0) || !(D > 0)) throw new RangeError(`chinchillaLoss: N and D must be > 0, got N=${N}, D=${D}`);
  const { E, A, B, alpha, beta } = constants;
  return E + A / N ** alpha + B / D ** beta;
}

/**
 * Training compute C ≈ 6 N D: 2 FLOPs per parameter per token for the forward pass, 4 for the
 * backward pass (Kaplan et al. 2020, https://arxiv.org/abs/2001.08361).
 *
 * @param N parameters.
 * @param D training tokens.
 * @returns FLOPs.
 */
export function computeFlops(N: number, D: number): number {
  return 6 * N * D;
}

/** A compute-optimal split of a FLOP budget. */
export interface Allocation {
  /** Parameters. */
  N: number;
  /** Training tokens; 6 · N · D equals the budget. */
  D: number;
  /** Predicted loss at (N, D), nats per token. */
  loss: number;
}

/**
 * The (N, D) minimising L(N, D) subject to 6 N D = C (Hoffmann et al. 2022, equation 4):
 * N_opt = G (C/6)^a, D_opt = G⁻¹ (C/6)^b, with a = β/(α+β), b = α/(α+β) and
 * G = (αA / (βB))^(1/(α+β)). Setting dL/dN = 0 along D = C/(6N) gives αA N^−α = βB D^−β.
 *
 * @param C compute budget in FLOPs, > 0.
 * @param constants defaults to {@link CHINCHILLA}.
 */
export function optimalAllocation(C: number, constants: ScalingConstants = CHINCHILLA): Allocation {
  if (!(C > 0)) throw new RangeError(`optimalAllocation: C must be > 0, got ${C}`);
  const { A, B, alpha, beta } = constants;
  const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const budget = C / 6;
  const N = G * budget ** (beta / (alpha + beta));
  const D = budget / N;
  return { N, D, loss: chinchillaLoss(N, D, constants) };
}
