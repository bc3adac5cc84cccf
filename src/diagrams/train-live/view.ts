/** The train-live export: the run's losses so far and the samples printed, plus the chart's view of them. */
import type { LinesView } from '../kit/lines';
import { SERIES } from '../kit/palette';

export interface TrainBody {
  /** Characters in the alphabet; the untrained loss is about ln of this. */
  vocab: number;
  /** Loss over the whole text before any step, nats per character. */
  initial: number | null;
  /** Each step's batch loss, nats per character; index i is step i + 1. */
  losses: number[];
  samples: { step: number; text: string }[];
  running: boolean;
}

export const EMPTY_BODY: TrainBody = { vocab: 0, initial: null, losses: [], samples: [], running: false };

/** Mean of each run of `k` losses: a readable curve from noisy batch losses. */
export function smooth(losses: readonly number[], k: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < losses.length; i += k) {
    const chunk = losses.slice(i, i + k);
    out.push([i + chunk.length, chunk.reduce((a, b) => a + b, 0) / chunk.length]);
  }
  return out;
}

export function trainSummary(b: TrainBody): string {
  const n = b.losses.length;
  if (!n) return b.initial === null ? 'Press Play to start training.' : `Untrained, the model's loss on the whole text is ${b.initial.toFixed(2)} nats per character (ln ${b.vocab} = ${Math.log(b.vocab).toFixed(2)} for a uniform guess). Press Play or Step.`;
  const recent = b.losses.slice(-20);
  const mean = recent.reduce((a, x) => a + x, 0) / recent.length;
  return `After ${n.toLocaleString('en-US')} steps the batch loss is about ${mean.toFixed(2)} nats per character (it started near ${b.losses[0].toFixed(2)}).`;
}

export function trainLines(b: TrainBody): LinesView {
  const k = Math.max(1, Math.ceil(b.losses.length / 200));
  return {
    series: [{ key: 'loss', label: 'batch loss', points: smooth(b.losses, k), color: SERIES[0] }],
    xLabel: 'step',
    yLabel: 'loss, nats per character',
    xDomain: [0, Math.max(100, b.losses.length)],
    yDomain: [0, Math.max(1, b.vocab ? Math.log(b.vocab) + 0.5 : 4)],
    xFormat: String,
  };
}
