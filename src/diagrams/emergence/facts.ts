/**
 * Numbers for the abilities chapter's prose, from the same cited file and our runs as the
 * emergence diagram, so no sentence states a result by hand.
 */
import { FILE, OWN_RUNS } from './build';
import { emergenceExport, PF_DAY } from './data';
import { sci } from '../kit/calc/format';

const task = (id: string) => {
  const t = FILE.arithmetic.tasks.find((x) => x.id === id);
  if (!t) throw new Error(`emergence.json has no task ${id}`);
  return t;
};

/** Exact match of one GPT-3 size on a task, "80.2%"; approximate values say "about". */
export function arithmetic(taskId: string, model: string): string {
  const r = task(taskId).rows.find((x) => x.model === model);
  if (!r) throw new Error(`emergence.json: no ${model} on ${taskId}`);
  return `${r.approximate ? 'about ' : ''}${r.value}%`;
}

/** Per-digit accuracy (Schaeffer et al.'s view) of one GPT-3 size, as the diagram computes it. */
export function perDigit(taskId: string, model: string): string {
  const ids = FILE.gpt3.rows.map((r) => r.id);
  const x = emergenceExport(FILE, OWN_RUNS, { panel: 'arithmetic', task: taskId, metric: 'per-token' });
  return `${Math.round(x.series[0].points[ids.indexOf(model)].y)}%`;
}

export const answerDigits = (taskId: string) => task(taskId).answerDigits;

/** Wei et al. 2022a, Table 1: the row whose ability starts with `prefix`. */
export function threshold(prefix: string): { flops: string; params: string; model: string } {
  const r = FILE.thresholds.rows.find((x) => x.ability.startsWith(prefix));
  if (!r) throw new Error(`emergence.json: no threshold ${prefix}`);
  return { flops: sci(r.flops, 2), params: `${r.params / 1e9} B`, model: r.model };
}

export const gpt3Flops = (id: string) => sci((FILE.gpt3.rows.find((r) => r.id === id)?.pfDays ?? NaN) * PF_DAY, 3);

const shipped = OWN_RUNS.find((r) => r.shipped)!;
export const ourFlops = sci(6 * shipped.params * shipped.tokens, 2);
/** Orders of magnitude between our model's compute and the earliest threshold in Table 1. */
export const ourGap = Math.log10(Math.min(...FILE.thresholds.rows.map((r) => r.flops)) / (6 * shipped.params * shipped.tokens)).toFixed(1);

/** GSM8K solve rates of one model, standard and chain of thought. */
export function gsm8k(family: string, params: number): { standard: string; cot: string } {
  const r = FILE.gsm8k.rows.find((x) => x.family === family && x.params === params);
  if (!r) throw new Error(`emergence.json: no GSM8K row ${family} ${params}`);
  return { standard: `${r.standard}%`, cot: `${r.cot}%` };
}

const small = FILE.gsm8k.rows.filter((r) => r.params < 1e10);
/** "all 7" or "6 of the 7": small models (under 10 B parameters) for which chain of thought scored lower. */
const gained = FILE.gsm8k.rows.filter((r) => r.cot > r.standard).reduce((a, b) => (b.params < a.params ? b : a));
/** The smallest model that chain of thought helped on GSM8K, and how many times our model's size it is. */
export const smallestGain = {
  name: `${gained.family} ${gained.params / 1e9} B`,
  times: Number((gained.params / shipped.params).toPrecision(2)).toLocaleString('en-US'),
};

const worse = small.filter((r) => r.cot < r.standard).length;
export const smallWorse = worse === small.length ? `all ${small.length}` : `${worse} of the ${small.length}`;
