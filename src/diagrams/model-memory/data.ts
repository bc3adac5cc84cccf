/**
 * The model-memory export and its bars. Bytes are decimal (1 GB = 10⁹ bytes), as the article's
 * "7B × 2 bytes = 14 GB" counts them.
 */
import { ADAM_MIXED, BYTES_PER_PARAM, DTYPES, inferenceBytes, trainingBytes, type Dtype, type TrainingBreakdown } from '../../math/compute-cost';
import { bytes, count } from '../kit/calc/format';
import type { BarsView } from '../kit/calc/bars';
import entry from './entry';
import type { StateOf } from '../kit/schema';

export type MemoryState = StateOf<typeof entry.state>;

export interface MemoryExport {
  state: MemoryState;
  /** Bytes for each use: the weights at inference in state.dtype, and training with Adam. */
  bytes: { inference: number; training: number };
  /** Weights at inference in every format, bytes. */
  inference: Record<Dtype, number>;
  /** Training with Adam in mixed precision, bytes, before activations. */
  training: TrainingBreakdown;
}

export function memoryExport(state: MemoryState): MemoryExport {
  const dtype = state.dtype as Dtype;
  const training = trainingBytes(state.N);
  return {
    state: { ...state },
    bytes: { inference: inferenceBytes(state.N, dtype), training: training.total },
    inference: Object.fromEntries(DTYPES.map((d) => [d, inferenceBytes(state.N, d)])) as Record<Dtype, number>,
    training,
  };
}

const PART_LABELS: Record<keyof typeof ADAM_MIXED, string> = {
  weights: 'weights (16-bit)',
  gradients: 'gradients (16-bit)',
  master: 'master weights (fp32)',
  momentum: 'Adam momentum (fp32)',
  variance: 'Adam variance (fp32)',
};

export function memorySummary(d: MemoryExport): string {
  const dtype = d.state.dtype as Dtype;
  return (
    `${count(d.state.N)} parameters × ${BYTES_PER_PARAM[dtype]} bytes (${dtype}) = ${bytes(d.bytes.inference)} for the weights at inference. ` +
    `Training with Adam in mixed precision needs about ${bytes(d.bytes.training)} (16 bytes per parameter) before activations.`
  );
}

export function memoryView(d: MemoryExport): BarsView {
  const dtype = d.state.dtype as Dtype;
  return {
    summary: memorySummary(d),
    scale: 'linear',
    axisLabel: 'memory (GB = 10⁹ bytes)',
    tick: (v) => bytes(v),
    refs: [
      { value: 24e9, label: '24 GB GPU' },
      { value: 80e9, label: '80 GB GPU' },
    ].filter((r) => r.value <= d.bytes.training * 1.05),
    bars: [
      ...DTYPES.map((t) => ({ key: t, label: `Inference, ${t}`, value: d.inference[t], text: bytes(d.inference[t]), highlight: t === dtype })),
      { key: 'training', label: 'Training, Adam', value: d.training.total, text: bytes(d.training.total) },
    ],
    note: 'Dashed lines: the memory of a 24 GB consumer GPU and an 80 GB data-centre GPU (A100/H100). Activations and the KV cache come on top of the weights.',
    caption: `Memory for ${count(d.state.N)} parameters`,
    columns: ['Use', 'Bytes per parameter', 'Memory'],
    rows: [
      ...DTYPES.map((t) => [`Inference, ${t}${t === dtype ? ' (chosen)' : ''}`, String(BYTES_PER_PARAM[t]), bytes(d.inference[t])]),
      ...(Object.keys(ADAM_MIXED) as (keyof typeof ADAM_MIXED)[]).map((k) => [`Training: ${PART_LABELS[k]}`, String(ADAM_MIXED[k]), bytes(d.training[k])]),
      ['Training with Adam, total', '16', bytes(d.training.total)],
    ],
  };
}
