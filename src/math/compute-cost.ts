/**
 * Memory to hold a model and time to train one: plain arithmetic on parameters, bytes and
 * FLOPs, kept here so the diagrams and the chapter quote the same numbers. Units: bytes,
 * FLOPs, FLOP/s, days.
 */

export type Dtype = 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4';

export const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'bf16', 'int8', 'int4'];

/** Bytes to store one parameter: 32, 16, 16, 8 and 4 bits. */
export const BYTES_PER_PARAM: Readonly<Record<Dtype, number>> = Object.freeze({ fp32: 4, fp16: 2, bf16: 2, int8: 1, int4: 0.5 });

/** Bytes for the weights alone at inference; activations and the KV cache come on top. */
export function inferenceBytes(N: number, dtype: Dtype): number {
  return N * BYTES_PER_PARAM[dtype];
}

/**
 * Mixed-precision training with Adam, per parameter (Rajbhandari et al. 2020, "ZeRO", §3.1,
 * https://arxiv.org/abs/1910.02054): 16-bit weights and gradients (2 + 2 bytes) plus the fp32
 * optimizer state: a master copy of the weights, Adam's momentum and its variance (4 + 4 + 4).
 * 16 bytes in all, before activations.
 */
export const ADAM_MIXED = Object.freeze({ weights: 2, gradients: 2, master: 4, momentum: 4, variance: 4 });

export type TrainingBreakdown = { [K in keyof typeof ADAM_MIXED]: number } & { total: number };

export function trainingBytes(N: number): TrainingBreakdown {
  const parts = Object.fromEntries(Object.entries(ADAM_MIXED).map(([k, b]) => [k, N * b])) as Omit<TrainingBreakdown, 'total'>;
  const total = Object.values(parts).reduce((s, b) => s + b, 0);
  return { ...parts, total };
}

export type AcceleratorId = 'v100' | 'a100' | 'h100';

export interface Accelerator {
  id: AcceleratorId;
  name: string;
  /** Dense 16-bit tensor-core peak, FLOP/s (no sparsity). */
  peak: number;
  source: string;
}

/** Vendor data sheets: V100 SXM2 fp16 125 TFLOP/s; A100 bf16 312; H100 SXM bf16 989 (dense). */
export const ACCELERATORS: Readonly<Record<AcceleratorId, Accelerator>> = Object.freeze({
  v100: { id: 'v100', name: 'NVIDIA V100', peak: 125e12, source: 'NVIDIA V100 data sheet (fp16 tensor)' },
  a100: { id: 'a100', name: 'NVIDIA A100', peak: 312e12, source: 'NVIDIA A100 data sheet (bf16 tensor, dense)' },
  h100: { id: 'h100', name: 'NVIDIA H100 SXM', peak: 989e12, source: 'NVIDIA H100 data sheet (bf16 tensor, dense)' },
});

const SECONDS_PER_DAY = 86_400;

/**
 * Accelerator-days to do `flops` of work at `peak` FLOP/s with model-FLOPs utilisation `mfu`
 * (the fraction of peak that goes into the model's own 6ND FLOPs; 0.3–0.5 is typical).
 */
export function gpuDays(flops: number, peak: number, mfu: number): number {
  if (!(flops >= 0) || !(peak > 0) || !(mfu > 0 && mfu <= 1)) {
    throw new RangeError(`gpuDays: need flops ≥ 0, peak > 0, 0 < mfu ≤ 1; got ${flops}, ${peak}, ${mfu}`);
  }
  return flops / (peak * mfu) / SECONDS_PER_DAY;
}

/** The utilisation that a reported number of accelerator-days implies. */
export function impliedMfu(flops: number, peak: number, days: number): number {
  return flops / (peak * days * SECONDS_PER_DAY);
}
