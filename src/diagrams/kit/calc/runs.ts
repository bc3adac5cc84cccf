/**
 * Well-known training runs with their published or estimated training FLOPs, each with its
 * source: shared by the scaling chapter's cost calculator and the training chapter's table, so
 * both quote the same figures.
 */
import { computeFlops } from '../../../math/scaling';

export interface KnownRun {
  name: string;
  /** Training FLOPs, or null when not published and not estimable. */
  flops: number | null;
  /** How the FLOPs figure was obtained. */
  basis: 'published' | 'estimate' | 'not published';
  source: string;
  /** Accelerator-days the authors reported, when they did. */
  reportedDays: number | null;
}

export const KNOWN_RUNS: readonly KnownRun[] = [
  // WebText's token count and the number of epochs were not published, so neither was C.
  { name: 'GPT-2 (1.5B)', flops: null, basis: 'not published', source: 'Radford et al. 2019 give N, not D', reportedDays: null },
  { name: 'GPT-3 (175B)', flops: 3.14e23, basis: 'published', source: 'Brown et al. 2020, table D.1', reportedDays: null },
  // Hoffmann et al. give Chinchilla the same budget as Gopher, 5.76e23 FLOPs (6·N·D of 70B × 1.4T is 5.88e23).
  { name: 'Chinchilla (70B)', flops: 5.76e23, basis: 'published', source: 'Hoffmann et al. 2022, §4 (Gopher’s budget, shared)', reportedDays: null },
  {
    name: 'Llama 2 70B',
    flops: computeFlops(7e10, 2e12),
    basis: 'estimate',
    source: '6·N·D from Touvron et al. 2023 (70B, 2T tokens); 1,720,320 A100-hours reported in their table 2',
    reportedDays: 1_720_320 / 24,
  },
  // OpenAI published neither N nor D for GPT-4; this is Epoch AI's outside estimate.
  { name: 'GPT-4', flops: 2.1e25, basis: 'estimate', source: 'Epoch AI estimate (not published by OpenAI)', reportedDays: null },
];
