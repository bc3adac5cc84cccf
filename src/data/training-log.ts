/**
 * The shipped model's training log (public/models/<id>/training-log.json, written by the
 * recipe), typed, for build time: the loss curve, the compute table and the training chapter's
 * prose read it here. Pages receive what they need embedded as JSON, not this module.
 */
import catalogue from '../../public/models/models.json' with { type: 'json' };
import type { Catalogue, CheckpointInfo } from '../model/catalogue';
import { defaultEntry } from '../model/catalogue';

export interface TrainPoint {
  step: number;
  /** Training tokens seen by this step. */
  tokens: number;
  /** Mean training loss over the last logged steps, nats per token. */
  loss: number;
  lr: number;
  /** Wall-clock seconds since the run started. */
  seconds: number;
}

export interface ValSet {
  /** Nats per token. */
  loss: number;
  /** Bits per byte of held-out text. */
  bpb: number;
}

export interface ValPoint {
  step: number;
  tokens: number;
  [set: `val_${string}`]: ValSet;
}

export interface TrainingLog {
  model: string;
  config: { steps: number; warmup: number; lr: number; batch: number; seq_len: number; optimizer: string; [k: string]: unknown };
  params: number;
  seconds: number;
  machine: { cpu: string; threads: string; precision: string; [k: string]: string };
  train: TrainPoint[];
  val: ValPoint[];
  /** Tokens in each training source and its share of batch rows (logs since the mix). */
  data?: { tokens: Record<string, number>; shares: Record<string, number> };
}

const logs: Record<string, { default: unknown }> = import.meta.glob('/public/models/*/training-log.json', { eager: true });
const current = defaultEntry(catalogue as unknown as Catalogue);
const found = logs[`/public/models/${current.id}/training-log.json`];
if (!found) throw new Error(`public/models/${current.id}/training-log.json is missing: the training chapter draws from it`);

/** The default model's log, as the recipe wrote it. */
export const TRAINING_LOG = found.default as TrainingLog;

/** The default model's checkpoints as models.json lists them (none until the recipe exports them). */
export const CHECKPOINTS: readonly CheckpointInfo[] = current.checkpoints ?? [];

/** The default model's id and version, for exports. */
export const LOG_MODEL = { id: current.id, version: current.version };

/** The run's size and time, for 6·N·D: N parameters, D tokens at the last logged step. */
export function runTotals(l: TrainingLog): { params: number; tokens: number; steps: number; seconds: number; machine: TrainingLog['machine'] } {
  const last = l.train[l.train.length - 1];
  return { params: l.params, tokens: last?.tokens ?? 0, steps: last?.step ?? 0, seconds: l.seconds, machine: l.machine };
}

/**
 * How many times the run went through each source: tokens seen × the source's share of batch
 * rows ÷ the source's tokens. "train" is the books and Brown; absent for logs without a mix.
 */
export function passes(l: TrainingLog): Record<string, number> {
  const d = l.data;
  if (!d) return {};
  const seen = runTotals(l).tokens;
  return Object.fromEntries(Object.entries(d.shares).filter(([k]) => d.tokens[k]).map(([k, share]) => [k, (seen * share) / d.tokens[k]!]));
}
