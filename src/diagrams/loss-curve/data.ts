/**
 * The loss curve's export and view: the training log exactly as shipped (so the export equals
 * training-log.json), the checkpoints models.json lists, and a read-out of one logged step.
 * Training loss is logged in nats per token only (the log has no byte count for the training
 * batches), so in bits per byte the chart shows the held-out sets, where both were measured.
 */
import type { CheckpointInfo } from '../../model/catalogue';
import type { TrainingLog, ValSet } from '../../data/training-log';
import { SERIES } from '../kit/palette';
import type { LinesView } from '../kit/lines';
import type { StateOf } from '../kit/schema';
import type entry from './entry';

export type CurveState = StateOf<typeof entry.state>;

export interface CurveSource {
  model: { id: string; version: string };
  log: TrainingLog;
  checkpoints: Pick<CheckpointInfo, 'step' | 'tokens' | 'val_loss'>[];
}

export interface Readout {
  step: number;
  tokens: number;
  /** Training loss, nats per token. */
  loss: number;
  lr: number;
  seconds: number;
  /** The held-out point at this step, when one was measured here. */
  val: Record<string, ValSet> | null;
}

export interface CurveExport extends CurveSource {
  state: CurveState;
  readout: Readout | null;
  /** A note on the state, e.g. the step was moved to the nearest logged one. */
  note: string;
}

export function valSetsOf(log: TrainingLog): string[] {
  return Object.keys(log.val[0] ?? {}).filter((k) => k.startsWith('val_')).map((k) => k.slice(4));
}

/** The logged training point nearest `at` (0: the last). */
export function nearestPoint(log: TrainingLog, at: number): TrainingLog['train'][number] | null {
  const pts = log.train;
  if (!pts.length) return null;
  if (at <= 0) return pts[pts.length - 1];
  return pts.reduce((best, p) => (Math.abs(p.step - at) < Math.abs(best.step - at) ? p : best));
}

export function readoutAt(log: TrainingLog, at: number): Readout | null {
  const p = nearestPoint(log, at);
  if (!p) return null;
  const v = log.val.find((q) => q.step === p.step);
  const val = v ? Object.fromEntries(valSetsOf(log).map((s) => [s, v[`val_${s}`]])) : null;
  return { step: p.step, tokens: p.tokens, loss: p.loss, lr: p.lr, seconds: p.seconds, val };
}

export function curveExport(src: CurveSource, state: CurveState): CurveExport {
  const readout = readoutAt(src.log, state.at);
  const note = readout && state.at > 0 && readout.step !== state.at ? `Step ${state.at} was not logged; showing step ${readout.step}, the nearest logged one.` : '';
  return { state: { ...state }, ...src, readout, note };
}

const fmt = (v: number, d = 3) => v.toFixed(d);

/** What the read-out line says for one logged point. */
export function readoutText(r: Readout, unit: CurveState['unit']): string {
  const val = r.val ? Object.entries(r.val).map(([s, v]) => `held-out ${s} ${unit === 'bpb' ? `${fmt(v.bpb)} bits per byte` : `${fmt(v.loss)} nats`}`).join(', ') : '';
  return `Step ${r.step.toLocaleString('en-US')} (${(r.tokens / 1e6).toFixed(2)} M tokens seen): training loss ${fmt(r.loss)} nats per token, learning rate ${r.lr.toPrecision(3)}${val ? `; ${val}` : ''}.`;
}

export function curveView(d: CurveExport): LinesView {
  const { log, state } = d;
  const xOf = (p: { step: number; tokens: number }) => (state.x === 'tokens' ? p.tokens : p.step);
  const sets = valSetsOf(log);
  const bpb = state.unit === 'bpb';
  const series: LinesView['series'] = [
    ...(bpb ? [] : [{ key: 'train', label: 'training loss', points: log.train.map((p) => [xOf(p), p.loss] as const), color: SERIES[0] }]),
    ...sets.map((s, i) => ({
      key: `val_${s}`,
      label: `held-out ${s}`,
      points: log.val.map((p) => [xOf(p), bpb ? p[`val_${s}`].bpb : p[`val_${s}`].loss] as const),
      color: SERIES[1 + i],
      dash: '5 3',
      dots: true,
    })),
    { key: 'lr', label: 'learning rate', points: log.train.map((p) => [xOf(p), p.lr] as const), color: '#6b7480', dash: '1 3', right: true },
  ];
  const warm = log.train.find((p) => p.step >= Number(log.config.warmup));
  const last = log.train[log.train.length - 1];
  return {
    series,
    xLabel: state.x === 'tokens' ? 'training tokens seen' : 'training step',
    yLabel: bpb ? 'loss, bits per byte' : 'loss, nats per token',
    y2Label: 'learning rate',
    y2Format: (v) => String(Number(v.toPrecision(2))),
    xDomain: [0, last ? xOf(last) : 1],
    marks: d.checkpoints.map((c) => ({ x: xOf(c), label: c.step === 0 ? 'init' : c.step >= 1000 ? `${c.step / 1000}k` : String(c.step) })),
    band: warm ? { from: 0, to: xOf(warm), label: 'warm-up' } : undefined,
    cursor: d.readout ? xOf(d.readout) : null,
  };
}
