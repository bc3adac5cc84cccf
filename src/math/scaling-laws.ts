/**
 * The three published loss laws the scaling-laws diagram can switch between, behind one
 * interface. Units: N in parameters, D in training tokens, C in FLOPs (C = 6 N D), loss in
 * nats per token on each paper's own data and tokenizer, so losses of different laws are not
 * comparable with each other: compare the shapes and the allocations.
 */
import { CHINCHILLA, chinchillaLoss, optimalAllocation, type ScalingConstants } from './scaling';

export type LawId = 'chinchilla' | 'epoch' | 'kaplan';

export const LAW_IDS: readonly LawId[] = ['chinchilla', 'epoch', 'kaplan'];

/**
 * Besiroglu, Erdil, Barnett & You 2024, "Chinchilla Scaling: A replication attempt",
 * https://arxiv.org/abs/2404.10102, their refit of Hoffmann et al.'s approach 3 (table 1).
 */
export const EPOCH: Readonly<ScalingConstants> = Object.freeze({
  E: 1.8172,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
});

/** The constants of Kaplan et al.'s joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D. */
export interface KaplanConstants {
  /** Non-embedding parameters. */
  Nc: number;
  /** Tokens. */
  Dc: number;
  alphaN: number;
  alphaD: number;
}

/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models", https://arxiv.org/abs/2001.08361,
 * equation 1.5 with the fitted values of table 2 (α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13).
 * Their N counts non-embedding parameters only, and their loss is on WebText2 with GPT-2's BPE.
 */
export const KAPLAN: Readonly<KaplanConstants> = Object.freeze({ Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 });

/** Kaplan et al.'s L(N, D), nats per token. */
export function kaplanLoss(N: number, D: number, k: KaplanConstants = KAPLAN): number {
  if (!(N > 0) || !(D > 0)) throw new RangeError(`kaplanLoss: N and D must be > 0, got N=${N}, D=${D}`);
  return ((k.Nc / N) ** (k.alphaN / k.alphaD) + k.Dc / D) ** k.alphaD;
}

/**
 * The minimum of Kaplan's L(N, D) on the iso-FLOP curve D = C/(6N). L is a monotone power of
 * f(N) = (N_c/N)^a + 6 D_c N / C with a = α_N/α_D, and f' = 0 gives N^(1+a) = a N_c^a C / (6 D_c).
 * This is where the joint law puts the optimum (N ∝ C^0.58); Kaplan's own headline N ∝ C^0.73
 * comes from a different analysis (early-stopped runs, L(N, S_min)), so the two differ.
 */
export function kaplanOptimal(C: number, k: KaplanConstants = KAPLAN): { N: number; D: number } {
  if (!(C > 0)) throw new RangeError(`kaplanOptimal: C must be > 0, got ${C}`);
  const a = k.alphaN / k.alphaD;
  const N = ((a * k.Nc ** a * C) / (6 * k.Dc)) ** (1 / (1 + a));
  return { N, D: C / (6 * N) };
}

export interface Law {
  id: LawId;
  /** Short name for labels. */
  name: string;
  /** The paper, for citations next to the numbers. */
  source: string;
  url: string;
  /** Loss in nats per token. */
  loss(N: number, D: number): number;
  /** The compute-optimal split of C FLOPs: 6 N D = C. */
  optimal(C: number): { N: number; D: number };
}

function parametric(id: LawId, name: string, source: string, url: string, k: ScalingConstants): Law {
  return {
    id,
    name,
    source,
    url,
    loss: (N, D) => chinchillaLoss(N, D, k),
    optimal: (C) => {
      const { N, D } = optimalAllocation(C, k);
      return { N, D };
    },
  };
}

export const LAWS: Readonly<Record<LawId, Law>> = Object.freeze({
  chinchilla: parametric(
    'chinchilla',
    'Chinchilla',
    'Hoffmann et al. 2022, approach 3',
    'https://arxiv.org/abs/2203.15556',
    CHINCHILLA,
  ),
  epoch: parametric('epoch', 'Epoch refit', 'Besiroglu et al. 2024', 'https://arxiv.org/abs/2404.10102', EPOCH),
  kaplan: {
    id: 'kaplan',
    name: 'Kaplan',
    source: 'Kaplan et al. 2020, equation 1.5',
    url: 'https://arxiv.org/abs/2001.08361',
    loss: (N, D) => kaplanLoss(N, D),
    optimal: (C) => kaplanOptimal(C),
  },
});

/**
 * Brute-force check of an allocation: the (N, D = C/6N) with the least loss among `steps`
 * points spaced evenly in log N over [nMin, nMax]. Slow on purpose; tests and tools only.
 */
export function scanIsoFlop(law: Law, C: number, nMin: number, nMax: number, steps = 20001): { N: number; D: number; loss: number } {
  let best = { N: nMin, D: C / (6 * nMin), loss: Infinity };
  const l0 = Math.log(nMin);
  const dl = (Math.log(nMax) - l0) / (steps - 1);
  for (let i = 0; i < steps; i++) {
    const N = Math.exp(l0 + i * dl);
    const D = C / (6 * N);
    const loss = law.loss(N, D);
    if (loss < best.loss) best = { N, D, loss };
  }
  return best;
}
