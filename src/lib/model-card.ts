/**
 * Build-time reading of the model catalogue, card and training log for /model/.
 * Everything here runs in Node during `astro build`; none of it ships to the browser.
 * Missing or malformed files are reported as a reason string, never thrown, so the site
 * builds before the model has been trained.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { line, scaleLinear } from 'd3';

export interface CatalogueEntry {
  id: string;
  dtype: string;
  bytes: number;
  version?: string;
  file?: string;
  [key: string]: unknown;
}

export interface TrainPoint {
  step: number;
  tokens: number;
  loss: number;
}

export interface ValPoint {
  step: number;
  tokens: number;
  /** Held-out set name (e.g. `val_brown`) → loss in nats/token and bits per byte. */
  sets: Record<string, { loss: number; bpb?: number }>;
}

export interface TrainingLog {
  train: TrainPoint[];
  val: ValPoint[];
  seconds?: number;
}

export type ModelCard =
  | { ok: true; entry: CatalogueEntry; markdown: string; log: TrainingLog | null; logProblem?: string; files: string[] }
  | { ok: false; problem: string };

/**
 * Folder holding models.json and one folder per model. `GLASSBOX_MODELS_DIR` exists only so
 * the page can be tried against fixture files outside the repository; builds use public/models.
 */
export function modelsDir(): string {
  return resolve(process.env.GLASSBOX_MODELS_DIR ?? join(process.cwd(), 'public', 'models'));
}

/** Files a reader may want to open, relative to the model folder, listed if present. */
const LINKED_FILES = ['MODEL.md', 'training-log.json', 'config.json', 'generation_config.json', 'tokenizer.json', 'heads.json'];

// Ids become path segments on disk and in URLs: no separators, no dot-only names.
const SAFE_ID = /^(?!\.+$)[A-Za-z0-9._-]+$/;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function parseCatalogue(json: unknown): CatalogueEntry | string {
  if (!isObj(json) || typeof json.default !== 'string' || !Array.isArray(json.models)) {
    return 'models.json does not have the shape { "default": "<id>", "models": [...] }.';
  }
  const entry = json.models.find((m) => isObj(m) && m.id === json.default);
  if (!isObj(entry)) return `models.json names "${json.default}" as the default, but lists no model with that id.`;
  if (typeof entry.id !== 'string' || !SAFE_ID.test(entry.id)) return 'The default model id in models.json is not a plain folder name.';
  if (typeof entry.dtype !== 'string' || !isNum(entry.bytes)) return `The entry for "${entry.id}" in models.json lacks "dtype" or "bytes".`;
  return entry as CatalogueEntry;
}

export function parseTrainingLog(json: unknown): TrainingLog | string {
  if (!isObj(json) || !Array.isArray(json.train) || !Array.isArray(json.val)) {
    return 'training-log.json has no "train" and "val" arrays.';
  }
  const train = json.train
    .filter((p): p is TrainPoint => isObj(p) && isNum(p.step) && isNum(p.tokens) && isNum(p.loss))
    .map(({ step, tokens, loss }) => ({ step, tokens, loss }))
    .sort((a, b) => a.tokens - b.tokens);
  const val: ValPoint[] = [];
  for (const row of json.val) {
    if (!isObj(row) || !isNum(row.step) || !isNum(row.tokens)) continue;
    const sets: ValPoint['sets'] = {};
    for (const [key, v] of Object.entries(row)) {
      if (key.startsWith('val_') && isObj(v) && isNum(v.loss)) sets[key] = { loss: v.loss, ...(isNum(v.bpb) ? { bpb: v.bpb } : {}) };
    }
    if (Object.keys(sets).length) val.push({ step: row.step, tokens: row.tokens, sets });
  }
  val.sort((a, b) => a.tokens - b.tokens);
  if (!train.length && !val.length) return 'training-log.json has no usable points.';
  return { train, val, ...(isNum(json.seconds) ? { seconds: json.seconds } : {}) };
}

export function loadModelCard(dir: string = modelsDir()): ModelCard {
  const catalogue = join(dir, 'models.json');
  if (!existsSync(catalogue)) return { ok: false, problem: 'public/models/models.json does not exist yet.' };
  let entry: CatalogueEntry | string;
  try {
    entry = parseCatalogue(readJson(catalogue));
  } catch (e) {
    return { ok: false, problem: `models.json could not be read: ${(e as Error).message}` };
  }
  if (typeof entry === 'string') return { ok: false, problem: entry };
  const folder = join(dir, entry.id);
  const cardPath = join(folder, 'MODEL.md');
  if (!existsSync(cardPath)) return { ok: false, problem: `The default model "${entry.id}" has no MODEL.md.` };
  const markdown = readFileSync(cardPath, 'utf8');
  const files = LINKED_FILES.filter((f) => existsSync(join(folder, f)));
  if (entry.file && existsSync(join(folder, entry.file))) files.push(entry.file);

  const logPath = join(folder, 'training-log.json');
  if (!existsSync(logPath)) return { ok: true, entry, markdown, log: null, logProblem: 'training-log.json does not exist.', files };
  let log: TrainingLog | string;
  try {
    log = parseTrainingLog(readJson(logPath));
  } catch (e) {
    log = `training-log.json could not be read: ${(e as Error).message}`;
  }
  return typeof log === 'string' ? { ok: true, entry, markdown, log: null, logProblem: log, files } : { ok: true, entry, markdown, log, files };
}

const VAL_LABELS: Record<string, string> = {
  val_brown: 'Held-out Brown Corpus',
  val_gutenberg: 'Held-out Gutenberg books',
};

export function valLabel(key: string): string {
  return VAL_LABELS[key] ?? key.replace(/^val_/, 'Held-out ').replace(/_/g, ' ');
}

export interface Tick {
  value: number;
  pos: number;
  label: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  path: string;
  points: { x: number; y: number }[];
}

export interface LossChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  train: ChartSeries | null;
  val: ChartSeries[];
}

/** Geometry for a static SVG of loss (nats/token) against training tokens (millions); coordinates rounded to 0.1 px. */
export function lossChart(log: TrainingLog, width = 400, height = 260): LossChart {
  const plot = { left: 36, top: 10, right: width - 12, bottom: height - 40 };
  const round = (v: number) => Math.round(v * 10) / 10;
  const tokens = [...log.train.map((p) => p.tokens), ...log.val.map((p) => p.tokens)];
  const losses = [...log.train.map((p) => p.loss), ...log.val.flatMap((p) => Object.values(p.sets).map((s) => s.loss))];
  const x = scaleLinear().domain([0, Math.max(1, ...tokens)]).range([plot.left, plot.right]).nice();
  const y = scaleLinear()
    .domain([Math.floor(Math.min(...losses)), Math.ceil(Math.max(...losses))])
    .range([plot.bottom, plot.top])
    .nice();
  const toPath = line<{ x: number; y: number }>(
    (d) => d.x,
    (d) => d.y,
  );
  const series = (key: string, label: string, pts: { tokens: number; loss: number }[]): ChartSeries => {
    const points = pts.map((p) => ({ x: round(x(p.tokens)), y: round(y(p.loss)) }));
    return { key, label, points, path: toPath(points) ?? '' };
  };
  const valKeys = [...new Set(log.val.flatMap((p) => Object.keys(p.sets)))];
  return {
    width,
    height,
    plot,
    xTicks: x.ticks(5).map((v) => ({ value: v, pos: round(x(v)), label: formatMillions(v) })),
    yTicks: y.ticks(5).map((v) => ({ value: v, pos: round(y(v)), label: String(v) })),
    train: log.train.length ? series('train', 'Training batches', log.train) : null,
    val: valKeys.map((k) =>
      series(
        k,
        valLabel(k),
        log.val.filter((p) => p.sets[k]).map((p) => ({ tokens: p.tokens, loss: p.sets[k].loss })),
      ),
    ),
  };
}

export function formatMillions(tokens: number): string {
  const m = tokens / 1e6;
  return m === 0 ? '0' : m >= 10 ? m.toFixed(0) : String(Number(m.toFixed(2)));
}

/** Bytes as MB (10^6) with one decimal, for the "download size" line. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
