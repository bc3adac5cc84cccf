/**
 * The model's files that pages read directly, each fetched once per page and shared by every
 * diagram: the catalogue, the head scores, the weight side files and the vocabulary. A failed
 * fetch is forgotten, so the next call (the reader's Retry) fetches again. Fetch only: nothing
 * here imports transformers.js or a diagram.
 *
 * `model` arguments: omitted, the catalogue's default; an id, that id's folder `<id>/`; a ref
 * `<id>@<version>`, the folder of the entry resolveModelRef picks for it.
 */
import type { FinalNorm, Unembedding } from '../math/logit-lens';
import { entryFolder, fetchCatalogue, resolveModelRef, type Catalogue } from './catalogue';
import { fetchReader, loadEmbeddings, loadPositions, matrixFiles, matrixFrom, vocabTexts, type Embeddings, type TokenizerJson, type WeightsManifest } from './weights';

/** The site's base URL (Astro's BASE_URL), always ending in one slash: "/" or "/sub/". */
export function siteBase(): string {
  return (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
}

const memo = new Map<string, Promise<unknown>>();

/** One promise per key for the page's life, unless it rejects. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    const fresh = load();
    memo.set(key, fresh);
    fresh.catch(() => {
      if (memo.get(key) === fresh) memo.delete(key);
    });
    p = fresh;
  }
  return p;
}

/** `<base>models/models.json`, once. */
export function catalogue(): Promise<Catalogue> {
  return once('catalogue', () => fetchCatalogue(siteBase()));
}

/** The folder, relative to models/ and with a trailing slash, that `model` names. */
async function folderOf(model?: string): Promise<string> {
  if (model !== undefined && !model.includes('@')) return `${encodeURIComponent(model)}/`;
  return entryFolder(resolveModelRef(await catalogue(), model).entry);
}

export type ScoreKey = 'previous_token' | 'first_token' | 'self' | 'induction' | 'pronoun';

/** `heads.json`, written by training/heads.py: per-head pattern scores on probes. */
export interface HeadScores {
  layers: number;
  heads: number;
  /** [layer][head], 0-based, mean attention weight (0..1) on each probe. */
  scores: Record<ScoreKey, number[][]>;
  /** [layer][head], 0-based: the head's pattern, or a word such as "broad" when none stands out. */
  labels: string[][];
  /** [layer][head], 0-based: each score divided by what an even spread over the keys would score. */
  lift?: Partial<Record<ScoreKey, number[][]>>;
  /** How a label was chosen, in words. */
  label_rule?: string;
  pronoun_cases?: { text: string; pronoun: string; antecedent: string; query: number; key: number }[];
  /** How well each head links a pronoun to the noun it means, on sentences never trained on (training/coref.py). */
  coreference?: Coreference;
}

/** One half's pick: the best head on that half, 0-based, and its accuracy (0..1) on the other half. */
export interface CoreferencePick {
  chosen_on: string;
  layer: number;
  head: number;
  accuracy: number;
}

/** heads.json's `coreference`, written by training/coref.py on training/eval/pronouns.tsv. */
export interface Coreference {
  /** Hand-written sentences scored. */
  cases: number;
  /** [layer][head], 0-based: share of cases (0..1) where the head gives the antecedent more attention than each other noun. */
  per_head_accuracy: number[][];
  /** [layer][head], 0-based: mean attention on the antecedent minus that on the strongest other noun. */
  per_head_margin?: number[][];
  /** Best head chosen on one half, scored on the other, both ways; `accuracy` is their mean. */
  held_out: { directions: CoreferencePick[]; accuracy: number };
  method?: string;
}

/** The head the site names for pronouns, 0-based, with what the held-out test says of it. */
export interface CoreferenceHead {
  layer: number;
  head: number;
  /** This head's accuracy (0..1) on the half it was not chosen on. */
  heldOut: number;
  /** Both halves' mean (0..1): the score of the whole method, the issue's acceptance number. */
  mean: number;
  cases: number;
  /** The other half's pick when the halves disagree on the head. */
  rival?: CoreferencePick;
}

/** The label a head earns for pronouns, as training/heads.py names it and kit/attention/patterns.ts knows it. */
export const COREFERENCE_LABEL = 'pronoun → antecedent';
/** Held-out accuracy (0..1) a head needs, with both halves agreeing, to carry that label: issue 26's acceptance bar. */
export const COREFERENCE_LABEL_MIN = 0.75;

function isCoreference(x: unknown, layers: number, heads: number): x is Coreference {
  const c = x as Coreference | null;
  const grid = (g: unknown) => Array.isArray(g) && g.length === layers && g.every((r) => Array.isArray(r) && r.length === heads);
  const inside = (p: CoreferencePick) => Number.isInteger(p?.layer) && Number.isInteger(p?.head) && p.layer >= 0 && p.layer < layers && p.head >= 0 && p.head < heads && Number.isFinite(p.accuracy);
  return (
    !!c &&
    Number.isInteger(c.cases) &&
    grid(c.per_head_accuracy) &&
    Array.isArray(c.held_out?.directions) &&
    c.held_out.directions.length > 0 &&
    c.held_out.directions.every(inside) &&
    Number.isFinite(c.held_out.accuracy)
  );
}

/**
 * The pronoun head: the pick both halves agree on, else of the two picks the one more often
 * right over all cases (then by margin), so the choice never looks at held-out accuracy.
 * Null when heads.json has no (well-formed) coreference score.
 */
export function coreferenceHead(h: HeadScores): CoreferenceHead | null {
  const c = h.coreference;
  if (!c || !isCoreference(c, h.layers, h.heads)) return null;
  const overall = (p: CoreferencePick) => c.per_head_accuracy[p.layer][p.head] + 1e-6 * (c.per_head_margin?.[p.layer]?.[p.head] ?? 0);
  const [pick, ...others] = [...c.held_out.directions].sort((a, b) => overall(b) - overall(a));
  const rival = others.find((p) => p.layer !== pick.layer || p.head !== pick.head);
  // Picked by both halves, the head was scored on every case outside the half it was chosen on: the mean.
  const heldOut = rival ? pick.accuracy : c.held_out.accuracy;
  const out: CoreferenceHead = { layer: pick.layer, head: pick.head, heldOut, mean: c.held_out.accuracy, cases: c.cases };
  if (rival) out.rival = rival;
  return out;
}

/** heads.json with the pronoun label on the pronoun head when it has earned it (see COREFERENCE_LABEL_MIN); the file is never edited. */
export function withCoreferenceLabel(h: HeadScores): HeadScores {
  const c = coreferenceHead(h);
  if (!c || c.rival || c.heldOut < COREFERENCE_LABEL_MIN) return h;
  const labels = h.labels.map((row, l) => row.map((label, k) => (l === c.layer && k === c.head ? COREFERENCE_LABEL : label)));
  return { ...h, labels };
}

/** Loose check of the fetched JSON, so a malformed file gives a clear error instead of NaN cells. */
export function isHeadScores(x: unknown): x is HeadScores {
  const h = x as HeadScores | null;
  return (
    !!h &&
    Number.isInteger(h.layers) &&
    Number.isInteger(h.heads) &&
    Array.isArray(h.labels) &&
    h.labels.length === h.layers &&
    h.labels.every((row) => Array.isArray(row) && row.length === h.heads) &&
    !!h.scores &&
    typeof h.scores === 'object'
  );
}

/** Checked head scores from a parsed heads.json (`where` names it in the error), pronoun label derived. */
export function headScoresFrom(json: unknown, where: string): HeadScores {
  if (!isHeadScores(json)) throw new Error(`${where} does not look like a head-score file`);
  return withCoreferenceLabel(json);
}

/** A model's `heads.json`, once; rejects when it is missing or malformed. */
export async function headScores(model?: string): Promise<HeadScores> {
  const folder = await folderOf(model);
  return once(`heads:${folder}`, async () => headScoresFrom(await fetchReader(siteBase()).json(`${folder}heads.json`), `${folder}heads.json`));
}

/** Each head's label, [layer][head] 0-based, or null when heads.json cannot be had (asked again next time). */
export function headLabels(model?: string): Promise<string[][] | null> {
  return headScores(model).then(
    (h) => h.labels,
    () => null,
  );
}

/** The weight side files the logit lens and the position views need (DESIGN.md §4). */
export interface SideFiles {
  norm: FinalNorm;
  /** wte as float32, row-major [vocab][d]: the tied output head. */
  unembedding: Unembedding;
  /** Learned positions, row-major [positions][d]. */
  wpe: Float32Array;
}

/**
 * Check the manifest against the binaries (`bytes` returns a file the manifest names) and wrap
 * them; throws on a mismatch rather than drawing nonsense.
 */
export function sideFilesFrom(manifest: WeightsManifest, bytes: (file: string) => ArrayBuffer): SideFiles {
  const wte = matrixFrom(manifest.wte, bytes);
  const wpe = matrixFrom(manifest.wpe, bytes);
  const [vocab, d] = wte.shape;
  if (wpe.shape[1] !== d) throw new Error(`weights: wpe width ${wpe.shape[1]} ≠ wte width ${d}`);
  const { weight, bias, eps } = manifest.ln_f;
  if (weight.length !== d || bias.length !== d) throw new Error(`weights.json: ln_f has ${weight.length} entries, expected ${d}`);
  return { norm: { weight, bias, eps }, unembedding: { wte: wte.data, vocab, d }, wpe: wpe.data };
}

/** weights.json with wte (1.6 MB as int8 plus scales) and wpe, once per model. */
export async function sideFiles(model?: string): Promise<SideFiles> {
  const folder = await folderOf(model);
  return once(`side:${folder}`, async () => {
    const read = fetchReader(siteBase());
    const manifest = (await read.json(`${folder}weights.json`)) as WeightsManifest;
    const files = [...matrixFiles(manifest.wte), ...matrixFiles(manifest.wpe)];
    const bufs = new Map(await Promise.all(files.map(async (f) => [f, await read.bytes(folder + f)] as const)));
    return sideFilesFrom(manifest, (f) => bufs.get(f)!);
  });
}

/**
 * Every token id's text, from the model's tokenizer.json (fetched once, about 0.2 MB) with the
 * adapter's byte-level decoding. `size`: the vocabulary size; omitted, the largest id plus one.
 */
export async function vocabulary(model?: string, size?: number): Promise<string[]> {
  const folder = await folderOf(model);
  const json = await once(`tokenizer:${folder}`, () => fetchReader(siteBase()).json(`${folder}tokenizer.json`) as Promise<TokenizerJson>);
  return once(`vocab:${folder}:${size ?? ''}`, async () => {
    const ids = [...Object.values(json.model.vocab), ...(json.added_tokens ?? []).map((t) => t.id)];
    return vocabTexts(json, size ?? ids.reduce((a, b) => Math.max(a, b), -1) + 1);
  });
}

/** The default model's wte, wpe and vocabulary (weights.ts), once. */
export function embeddings(): Promise<Embeddings> {
  return loadEmbeddings(siteBase());
}

/** The default model's learned positions alone (200 kB rather than wte's 1.6 MB), once. */
export function positions(): ReturnType<typeof loadPositions> {
  return loadPositions(siteBase());
}
