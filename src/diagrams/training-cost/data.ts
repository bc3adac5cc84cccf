/**
 * The training-cost export: 6·N·D FLOPs turned into accelerator-days, next to well-known runs.
 * Published figures and estimates are kept apart and each carries its source.
 */
import { ACCELERATORS, gpuDays, type AcceleratorId } from '../../math/compute-cost';
import { computeFlops } from '../../math/scaling';
import { count, plain, sci } from '../kit/calc/format';
import type { BarsView } from '../kit/calc/bars';
import { KNOWN_RUNS, type KnownRun } from '../kit/calc/runs';
import entry from './entry';
import type { StateOf } from '../kit/schema';

export { KNOWN_RUNS, type KnownRun };

export type CostState = StateOf<typeof entry.state>;

export interface CostExport {
  state: CostState;
  /** 6·N·D, FLOPs. */
  flops: number;
  accelerator: { id: string; name: string; peak: number; source: string };
  /** Accelerator-days at state.mfu of the accelerator's peak. */
  gpuDays: number;
  runs: (KnownRun & { gpuDays: number | null })[];
}

export function costExport(state: CostState): CostExport {
  const acc = ACCELERATORS[state.gpu as AcceleratorId];
  const flops = computeFlops(state.N, state.D);
  return {
    state: { ...state },
    flops,
    accelerator: { ...acc },
    gpuDays: gpuDays(flops, acc.peak, state.mfu),
    runs: KNOWN_RUNS.map((r) => ({ ...r, gpuDays: r.flops === null ? null : gpuDays(r.flops, acc.peak, state.mfu) })),
  };
}

export function days(d: number): string {
  if (d < 1) return `${plain(d * 24, 2)} GPU-hours`;
  if (d >= 3650) return `${plain(d / 365, 3)} GPU-years`;
  return `${plain(d, 3)} GPU-days`;
}

export function costSummary(d: CostExport): string {
  return (
    `${count(d.state.N)} parameters on ${count(d.state.D)} tokens is 6·N·D = ${sci(d.flops)} FLOPs: ` +
    `${days(d.gpuDays)} on ${d.accelerator.name} at ${Math.round(d.state.mfu * 100)} % of its ${sci(d.accelerator.peak)} FLOP/s peak` +
    ` (${plain(d.gpuDays / 1000, 3)} days on 1,000 of them).`
  );
}

export function costView(d: CostExport): BarsView {
  return {
    summary: costSummary(d),
    scale: 'log',
    axisLabel: `accelerator-days on ${d.accelerator.name} at ${Math.round(d.state.mfu * 100)} % utilisation (log scale)`,
    tick: (v) => (v >= 1 ? plain(v, 1) : String(v)),
    bars: [
      { key: 'yours', label: 'Your run', value: d.gpuDays, text: days(d.gpuDays), highlight: true },
      ...d.runs.map((r) => ({
        key: r.name,
        label: `${r.name}${r.basis === 'estimate' ? ' (est.)' : ''}`,
        value: r.gpuDays,
        text: r.gpuDays === null ? 'not published' : days(r.gpuDays),
      })),
    ],
    note: 'Other runs are placed by their training FLOPs at your accelerator and utilisation; “est.” marks estimates, not figures the authors published. Sources in the table.',
    caption: `Training compute and time on ${d.accelerator.name} (${d.accelerator.source}) at ${Math.round(d.state.mfu * 100)} % utilisation`,
    columns: ['Run', 'Training FLOPs', 'Basis', 'Accelerator-days here', 'Reported', 'Source'],
    rows: [
      ['Your run', sci(d.flops), '6·N·D', days(d.gpuDays), '', ''],
      ...d.runs.map((r) => [
        r.name,
        r.flops === null ? 'not published' : sci(r.flops),
        r.basis,
        r.gpuDays === null ? 'not published' : days(r.gpuDays),
        r.reportedDays === null ? '' : `${plain(r.reportedDays, 3)} A100-days`,
        r.source,
      ]),
    ],
  };
}
