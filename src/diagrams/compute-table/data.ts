/**
 * The training chapter's compute table (the tutorial's GPT-2 → GPT-4 table, plus our model): for
 * each run N and D with their sources, C ≈ 6·N·D where both are published, the FLOPs the authors
 * or an outside estimate give, and accelerator-days at the reader's accelerator and utilisation.
 * Our row comes from the shipped training log: N, D and the measured seconds on two CPU cores.
 */
import { ACCELERATORS, gpuDays, type AcceleratorId } from '../../math/compute-cost';
import { computeFlops } from '../../math/scaling';
import type { BarsView } from '../kit/calc/bars';
import { count, plain, sci } from '../kit/calc/format';
import { KNOWN_RUNS } from '../kit/calc/runs';
import type { StateOf } from '../kit/schema';
import type entry from './entry';

export type TableState = StateOf<typeof entry.state>;

/** Our run as the training log gives it. */
export interface OwnRun {
  model: string;
  params: number;
  tokens: number;
  /** Measured wall-clock seconds of the whole run. */
  seconds: number;
  machine: string;
}

interface Published {
  name: string;
  /** Parameters, or null when not published. */
  N: number | null;
  /** Training tokens, or null when not published. */
  D: number | null;
  source: string;
}

/** N and D as the papers give them; the FLOPs and reported days come from KNOWN_RUNS. */
const PUBLISHED: readonly Published[] = [
  { name: 'GPT-2 (1.5B)', N: 1.542e9, D: null, source: 'Radford et al. 2019, table 2 (1,542M parameters); WebText’s token count was not published' },
  { name: 'GPT-3 (175B)', N: 1.75e11, D: 3e11, source: 'Brown et al. 2020, table 2.2 (175B parameters, 300B training tokens)' },
  { name: 'Llama 2 70B', N: 7e10, D: 2e12, source: 'Touvron et al. 2023, table 1 (70B parameters, 2.0T tokens)' },
  { name: 'GPT-4', N: null, D: null, source: 'OpenAI 2023 published neither N nor D' },
];

export interface TableRow {
  name: string;
  N: number | null;
  D: number | null;
  /** 6·N·D, or null without both. */
  sixND: number | null;
  /** The FLOPs the authors published, or an outside estimate; null when neither exists. */
  flops: number | null;
  basis: 'published' | 'estimate' | 'not published' | 'measured';
  /** Accelerator-days at the state's accelerator and utilisation, from 6·N·D or else `flops`. */
  gpuDays: number | null;
  /** What the authors reported, in their words. */
  reported: string;
  source: string;
  ours?: boolean;
}

export interface TableExport {
  state: TableState;
  accelerator: { id: string; name: string; peak: number; source: string };
  rows: TableRow[];
  /** Our run's measured speed: 6·N·D over its seconds, FLOP/s. */
  ownFlopsPerSecond: number;
}

export function tableExport(own: OwnRun, state: TableState): TableExport {
  const acc = ACCELERATORS[state.gpu as AcceleratorId];
  const days = (c: number | null) => (c === null ? null : gpuDays(c, acc.peak, state.mfu));
  const rows: TableRow[] = PUBLISHED.map((p) => {
    const known = KNOWN_RUNS.find((r) => r.name === p.name);
    const sixND = p.N !== null && p.D !== null ? computeFlops(p.N, p.D) : null;
    const flops = known?.flops ?? null;
    return {
      name: p.name,
      N: p.N,
      D: p.D,
      sixND,
      flops,
      basis: known?.basis ?? 'not published',
      gpuDays: days(sixND ?? flops),
      reported: known?.reportedDays ? `${plain(known.reportedDays * 24, 7)} A100-hours` : '',
      source: [p.source, known?.source].filter(Boolean).join('; '),
    };
  });
  const ownC = computeFlops(own.params, own.tokens);
  rows.push({
    name: `${own.model} (this site)`,
    N: own.params,
    D: own.tokens,
    sixND: ownC,
    flops: null,
    basis: 'measured',
    gpuDays: days(ownC),
    reported: `${plain(own.seconds / 3600, 3)} hours on ${own.machine}`,
    source: `training-log.json shipped with the model (params, tokens at the last step, seconds)`,
    ours: true,
  });
  return { state: { ...state }, accelerator: { ...acc }, rows, ownFlopsPerSecond: ownC / own.seconds };
}

function daysText(d: number | null): string {
  if (d === null) return 'not computable';
  if (d < 1 / 24) return `${plain(d * 86_400, 2)} GPU-seconds`;
  if (d < 1) return `${plain(d * 24, 2)} GPU-hours`;
  return `${plain(d, 3)} GPU-days`;
}

const opt = (v: number | null, f: (v: number) => string) => (v === null ? 'not published' : f(v));

export function tableView(d: TableExport): BarsView {
  const pct = `${Math.round(d.state.mfu * 100)} %`;
  const ours = d.rows.find((r) => r.ours)!;
  const gpt3 = d.rows.find((r) => r.name.startsWith('GPT-3'))!;
  return {
    summary:
      `Our model’s 6·N·D is ${sci(ours.sixND!)} FLOPs (${ours.reported}, about ${sci(d.ownFlopsPerSecond)} FLOP/s); ` +
      `GPT-3’s is ${sci(gpt3.sixND!)}, about ${sci(gpt3.sixND! / ours.sixND!)} times more. On ${d.accelerator.name} at ${pct} utilisation that is ${daysText(ours.gpuDays)} against ${daysText(gpt3.gpuDays)}.`,
    scale: 'log',
    axisLabel: `accelerator-days on ${d.accelerator.name} at ${pct} utilisation (log scale)`,
    tick: (v) => (v >= 1 ? plain(v, 1) : String(Number(v.toPrecision(1)))),
    bars: d.rows.map((r) => ({ key: r.name, label: `${r.name}${r.basis === 'estimate' ? ' (est.)' : ''}`, value: r.gpuDays, text: daysText(r.gpuDays), highlight: r.ours })),
    note: 'Bars use 6·N·D where N and D are published, else the FLOPs in the table; “est.” marks an outside estimate. Every source is in the table.',
    caption: `Training compute by run; accelerator-days on ${d.accelerator.name} (${d.accelerator.source}) at ${pct} utilisation`,
    columns: ['Run', 'Parameters N', 'Tokens D', 'C ≈ 6·N·D', 'FLOPs given', 'Accelerator-days here', 'Reported', 'Sources'],
    rows: d.rows.map((r) => [
      r.name,
      opt(r.N, count),
      opt(r.D, count),
      r.sixND === null ? 'not computable' : sci(r.sixND),
      r.flops === null ? (r.ours ? '' : 'not published') : `${sci(r.flops)} (${r.basis})`,
      daysText(r.gpuDays),
      r.reported,
      r.source,
    ]),
  };
}
