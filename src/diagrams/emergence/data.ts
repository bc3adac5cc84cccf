/**
 * The emergence diagram's numbers: published results only (src/data/emergence.json, each row
 * with its paper, table or figure and how it was read), plus our own models' training compute
 * for the one panel whose axis allows it. Pure: the file and our runs come in as arguments.
 */
import { sci } from '../kit/calc/format';
import type { StateOf } from '../kit/schema';
import type entry from './entry';

export type EmergenceState = StateOf<typeof entry.state>;

/** 1 petaflop/s-day in FLOPs: 10¹⁵ FLOP/s × 86,400 s (Brown et al. 2020, Table D.1's unit). */
export const PF_DAY = 8.64e19;

export interface Source {
  paper: string;
  location: string;
  read?: string;
}

/** The committed file's shape (src/data/emergence.json). */
export interface EmergenceFile {
  description: string;
  papers: Record<string, string>;
  gpt3: { note: string; rows: { id: string; name: string; params: number; pfDays: number; source: Source }[] };
  arithmetic: {
    note: string;
    tasks: { id: string; name: string; answerDigits: number; rows: { model: string; value: number; approximate: boolean; margin?: number; source: Source; checked?: boolean }[] }[];
    perToken: { note: string; source: Source };
  };
  thresholds: { note: string; rows: { ability: string; flops: number; params: number; model: string; source: Source; checked?: boolean }[] };
  gsm8k: { note: string; rows: { family: string; params: number; standard: number; cot: number; source: Source; checked?: boolean }[] };
}

/** One of our own training runs: 6·N·D from its parameters and tokens. */
export interface OwnRun {
  id: string;
  params: number;
  tokens: number;
  /** True for the model this site ships; false for the scaling family's runs. */
  shipped: boolean;
}

export interface Point {
  x: number;
  y: number;
  label: string;
  /** Read off a figure rather than printed: drawn hollow. */
  approximate: boolean;
  source: string;
}

export interface Series {
  key: string;
  label: string;
  dashed: boolean;
  points: Point[];
}

export interface EmergenceExport {
  state: EmergenceState;
  title: string;
  summary: string;
  x: { label: string; unit: 'FLOPs' | 'parameters' };
  /** "percent": 0–100 on a linear axis; "category": one row per point (the thresholds panel). */
  y: { label: string; kind: 'percent' | 'category' };
  series: Series[];
  /** Our own runs, where the panel's axis allows them (training FLOPs). */
  ours: { label: string; x: number; shipped: boolean }[];
  /** Why our models are or are not drawn, and how the numbers were read. */
  notes: string[];
  sources: string[];
}

const cite = (s: Source) => `${s.paper}, ${s.location}${s.read ? ` (${s.read})` : ''}`;
const flopsOf = (r: OwnRun) => 6 * r.params * r.tokens;

function arithmetic(f: EmergenceFile, own: readonly OwnRun[], state: EmergenceState): Omit<EmergenceExport, 'state'> {
  const task = f.arithmetic.tasks.find((t) => t.id === state.task) ?? f.arithmetic.tasks[0];
  const sizes = new Map(f.gpt3.rows.map((r) => [r.id, r]));
  const perToken = state.metric === 'per-token';
  const L = task.answerDigits;
  const points: Point[] = task.rows.map((r) => {
    const m = sizes.get(r.model);
    if (!m) throw new Error(`emergence.json: unknown GPT-3 size ${r.model}`);
    // Schaeffer et al. 2023 §2: exact match ≈ p^L, so the per-digit accuracy is p = EM^(1/L).
    const y = perToken ? 100 * (r.value / 100) ** (1 / L) : r.value;
    return { x: m.pfDays * PF_DAY, y, label: m.name, approximate: r.approximate, source: `${cite(r.source)}; compute: ${cite(m.source)}` };
  });
  const big = points[points.length - 1];
  const small = points[0];
  const what = perToken ? `per-digit accuracy implied by exact match (p = EM^(1/${L}))` : 'exact-match accuracy';
  return {
    title: `GPT-3, few-shot ${task.name}: ${perToken ? 'per-digit accuracy' : 'exact match'}`,
    summary:
      `${task.name}, ${what}: from ${small.y.toFixed(1)}% for ${small.label} to ${big.y.toFixed(1)}% for ${big.label}. ` +
      (perToken
        ? `Seen digit by digit, the rise is gradual; the all-or-nothing score multiplies ${L} such chances and hides it until they are all high.`
        : `Flat near zero, then a jump at the largest sizes: what Wei et al. 2022 call emergent.`),
    x: { label: 'training compute (FLOPs, log scale)', unit: 'FLOPs' },
    y: { label: perToken ? 'per-digit accuracy (%)' : 'exact-match accuracy (%)', kind: 'percent' },
    series: [{ key: `gpt3-${task.id}`, label: `GPT-3 family, ${task.name}`, dashed: false, points }],
    ours: [],
    notes: [
      f.arithmetic.note,
      ...(perToken ? [f.arithmetic.perToken.note] : []),
      ourArithmeticNote(own, points[0]),
    ],
    sources: [...new Set([...points.map((p) => p.source), ...(perToken ? [cite(f.arithmetic.perToken.source)] : [])])],
  };
}

/** Why our runs are not on the arithmetic axis, with how far below GPT-3 Small they would sit. */
function ourArithmeticNote(own: readonly OwnRun[], smallest: Point): string {
  const shipped = own.find((r) => r.shipped);
  const decades = shipped ? Math.log10(smallest.x / flopsOf(shipped)).toFixed(1) : 'several';
  return `Our own models are not drawn: they were never scored on these tasks, and our shipped model’s compute is ${decades} orders of magnitude below ${smallest.label}’s, off this axis.`;
}

function thresholds(f: EmergenceFile, own: readonly OwnRun[]): Omit<EmergenceExport, 'state'> {
  const rows = [...f.thresholds.rows].sort((a, b) => a.flops - b.flops);
  const points: Point[] = rows.map((r) => ({ x: r.flops, y: 0, label: `${r.ability} (${r.model})`, approximate: false, source: cite(r.source) }));
  const shipped = own.find((r) => r.shipped);
  const family = own.filter((r) => !r.shipped);
  const ours = [
    ...(shipped ? [{ label: `our model (${shipped.id})`, x: flopsOf(shipped), shipped: true }] : []),
    ...family.map((r) => ({ label: `our family: ${r.id}`, x: flopsOf(r), shipped: false })),
  ].sort((a, b) => a.x - b.x);
  const gap = shipped ? Math.log10(rows[0].flops / flopsOf(shipped)) : NaN;
  return {
    title: 'Where each few-shot ability emerged, by training compute',
    summary:
      `Wei et al. 2022 list ${rows.length} abilities that appeared between ${sci(rows[0].flops, 2)} and ${sci(rows[rows.length - 1].flops, 2)} training FLOPs.` +
      (shipped ? ` Our model was trained with ${sci(flopsOf(shipped), 2)} FLOPs (6·N·D), about ${gap.toFixed(1)} orders of magnitude below the first of them.` : ''),
    x: { label: 'training compute (FLOPs, log scale)', unit: 'FLOPs' },
    y: { label: 'ability', kind: 'category' },
    series: [{ key: 'wei-table-1', label: 'Emergent scale (Wei et al. 2022, Table 1)', dashed: false, points }],
    ours,
    notes: [f.thresholds.note, 'Our runs’ compute is 6·N·D from their parameters and training tokens (models.json, the training log and src/data/scaling-family.json).'],
    sources: [...new Set(points.map((p) => p.source))],
  };
}

function gsm8k(f: EmergenceFile, own: readonly OwnRun[]): Omit<EmergenceExport, 'state'> {
  const families = [...new Set(f.gsm8k.rows.map((r) => r.family))];
  const series: Series[] = families.flatMap((fam) => {
    const rows = f.gsm8k.rows.filter((r) => r.family === fam).sort((a, b) => a.params - b.params);
    const pts = (k: 'standard' | 'cot') => rows.map((r) => ({ x: r.params, y: r[k], label: `${fam} ${(r.params / 1e9).toPrecision(3)}B`, approximate: false, source: cite(r.source) }));
    return [
      { key: `${fam}-standard`, label: `${fam}, standard prompting`, dashed: true, points: pts('standard') },
      { key: `${fam}-cot`, label: `${fam}, chain of thought`, dashed: false, points: pts('cot') },
    ];
  });
  const best = f.gsm8k.rows.reduce((a, b) => (b.cot > a.cot ? b : a));
  // "Small": under 10 B parameters, where Wei et al. 2022b saw no gain.
  const small = f.gsm8k.rows.filter((r) => r.params < 1e10);
  const worse = small.filter((r) => r.cot < r.standard).length;
  const shipped = own.find((r) => r.shipped);
  return {
    title: 'GSM8K math word problems: standard vs chain-of-thought prompting',
    summary:
      `Writing out the steps helps only large models: ${best.family} ${(best.params / 1e9).toPrecision(3)}B goes from ${best.standard}% to ${best.cot}%, ` +
      `while for ${worse === small.length ? 'all' : `${worse} of the`} ${small.length} models under 10 B parameters it scores lower than answering directly.`,
    x: { label: 'parameters (log scale)', unit: 'parameters' },
    y: { label: 'GSM8K solve rate (%)', kind: 'percent' },
    series,
    ours: [],
    notes: [
      f.gsm8k.note,
      `Our model is not drawn: it was never scored on GSM8K, and with ${shipped ? (shipped.params / 1e6).toFixed(1) : 'a few'} million parameters it is far below the sizes at which chain of thought helped here.`,
    ],
    sources: [...new Set(series.flatMap((s) => s.points.map((p) => p.source)))],
  };
}

export function emergenceExport(f: EmergenceFile, own: readonly OwnRun[], state: EmergenceState): EmergenceExport {
  const body = state.panel === 'thresholds' ? thresholds(f, own) : state.panel === 'gsm8k' ? gsm8k(f, own) : arithmetic(f, own, state);
  return { state: { ...state }, ...body };
}
