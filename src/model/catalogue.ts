/**
 * models.json, the catalogue of shipped models (DESIGN.md §4), and model refs: a link names
 * its model as `<id>@<version>` so that it still means the same numbers after a retrain.
 * Pure, apart from `fetchCatalogue`; no transformers.js here, so pages can import it freely.
 */

/** What models.json says about one shipped model. */
export interface CatalogueEntry {
  id: string;
  dtype: 'fp32' | 'fp16' | 'q8';
  /** Size of the variant the site loads, in bytes. */
  bytes: number;
  /** First 12 hex digits of the loaded ONNX file's SHA-256 (training/card.py). */
  version: string;
  /**
   * Folder under public/models/, with a trailing slash, for a version kept for old links
   * (`<id>@<version>/`). Absent for the default, which lives in `<id>/`.
   */
  path?: string;
  /** True for a previous default kept only so that old links still load. */
  archived?: boolean;
  /** Snapshots of this model's training run, oldest first (training-chapter scrubber). */
  checkpoints?: CheckpointInfo[];
  /** A checkpoint's tokenizer lives in its parent model's folder: the parent's id. */
  tokenizer?: string;
}

/** One checkpoint as models.json lists it; the final one is the model itself (`path: "."`). */
export interface CheckpointInfo {
  step: number;
  /** Training tokens seen by this step. */
  tokens: number;
  /** Folder relative to the model's own, e.g. `checkpoints/step-000100`, or `.` for the final model. */
  path: string;
  /** The ONNX file inside that folder, e.g. `onnx/model_quantized.onnx`. */
  file: string;
  /** Size of that file, for the progress bar. */
  bytes: number;
  /** Held-out loss at this step, nats per token, when the recipe measured it. */
  val_loss?: number;
}

export interface Catalogue {
  default: string;
  models: CatalogueEntry[];
  /** The architectures chapter's other models (training/companion_card.py). */
  companions?: CompanionEntry[];
}

/** A model beside the GPT: an encoder (masked LM) or an encoder-decoder, loaded by its diagrams only. */
export interface CompanionEntry {
  id: string;
  role: 'encoder' | 'seq2seq';
  dtype: 'q8';
  /** The ONNX files the site loads, with their sizes, for the progress bar. */
  files: { file: string; bytes: number }[];
  bytes: number;
  /** First 12 hex digits of the SHA-256 of those files, in order. */
  version: string;
}

/** The companion with this role; throws when models.json lists none. */
export function companionEntry(cat: Catalogue, role: CompanionEntry['role']): CompanionEntry {
  const entry = cat.companions?.find((c) => c.role === role);
  if (!entry) throw new Error(`models.json lists no ${role} model`);
  return entry;
}

export interface ResolvedModel {
  entry: CatalogueEntry;
  /** A sentence for the reader when the link's model could not be honoured. */
  note?: string;
}

/** The ref a link writes for a model: `<id>@<version>`. */
export function modelRef(entry: Pick<CatalogueEntry, 'id' | 'version'>): string {
  return `${entry.id}@${entry.version}`;
}

/** An entry's folder relative to public/models/, with a trailing slash. */
export function entryFolder(entry: CatalogueEntry): string {
  return (entry.path ?? entry.id).replace(/\/?$/, '/');
}

/**
 * The catalogue's default entry: the one that is named `default` and not archived. Kept versions
 * share its id; training/card.py lists it first, so a reader taking the first match also gets it.
 */
export function defaultEntry(cat: Catalogue): CatalogueEntry {
  const entry = cat.models.find((m) => m.id === cat.default && !m.archived);
  if (!entry) throw new Error(`models.json names ${cat.default} as the default but does not list it`);
  return entry;
}

/** Ids and versions are what training/card.py writes: no spaces, no `@`, no slashes. */
const REF = /^([\w.-]+)@([\w.-]+)$/;
/** A checkpoint of a model version: `<id>@<version>/step-<6 digits>`. */
const CHECKPOINT_REF = /^([\w.-]+@[\w.-]+)\/step-(\d{6})$/;

/** The ref that loads `parent`'s checkpoint at `step`; the final checkpoint is the model's own ref. */
export function checkpointRef(parent: Pick<CatalogueEntry, 'id' | 'version'>, c: Pick<CheckpointInfo, 'step' | 'path'>): string {
  return c.path === '.' ? modelRef(parent) : `${modelRef(parent)}/step-${String(c.step).padStart(6, '0')}`;
}

/**
 * The entry a checkpoint ref loads: the checkpoint's own folder, q8 like its parent, with the
 * parent's tokenizer, and a version (`<version>/step-…`) that keeps its traces apart from the
 * parent's. Null when the catalogue lists no such checkpoint.
 */
export function checkpointEntry(cat: Catalogue, ref: string): CatalogueEntry | null {
  const m = CHECKPOINT_REF.exec(ref.trim());
  if (!m) return null;
  const parent = cat.models.find((e) => modelRef(e) === m[1]);
  const c = parent?.checkpoints?.find((k) => k.step === Number(m[2]) && k.path !== '.');
  if (!parent || !c) return null;
  return {
    id: parent.id,
    dtype: parent.dtype,
    bytes: c.bytes,
    version: `${parent.version}/step-${m[2]}`,
    path: `${entryFolder(parent)}${c.path.replace(/^\.\/|\/$/g, '')}/`,
    tokenizer: parent.id,
  };
}

/**
 * The entry a link's `model=` value asks for. Null or empty: the default, silently. A ref the
 * catalogue serves: that entry, archived or not. Anything else: the default, with a note
 * saying what the link asked for and what is shown instead.
 */
export function resolveModelRef(cat: Catalogue, ref: string | null | undefined): ResolvedModel {
  const current = defaultEntry(cat);
  if (ref === null || ref === undefined || ref.trim() === '') return { entry: current };
  const checkpoint = checkpointEntry(cat, ref);
  if (checkpoint) return { entry: checkpoint };
  const shown = `showing the current model (${current.id} version ${current.version})`;
  const m = REF.exec(ref.trim());
  if (!m) return { entry: current, note: `This link names its model as “${ref}”, which is not a model this site knows; ${shown}.` };
  const [, id, version] = m;
  const entry = cat.models.find((e) => e.id === id && e.version === version);
  if (entry) return { entry };
  if (cat.models.some((e) => e.id === id)) {
    return { entry: current, note: `This link was made with ${id} version ${version}, which this site no longer serves; ${shown}.` };
  }
  return { entry: current, note: `This link was made with the model ${id}, which this site does not serve; ${shown}.` };
}

/** Fetch `<base>models/models.json`; `base` is the site's base URL, with or without the slash. */
export async function fetchCatalogue(base: string): Promise<Catalogue> {
  const url = base.replace(/\/?$/, '/') + 'models/models.json';
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const cat = (await res.json()) as Catalogue;
  if (!cat || typeof cat.default !== 'string' || !Array.isArray(cat.models)) throw new Error(`${url} is not a model catalogue`);
  return cat;
}

/**
 * What `from_pretrained` is given for an entry, `modelsRoot` being env.localModelPath. The
 * default passes its id, resolved under modelsRoot as always. A kept version passes its folder's
 * own path: transformers.js treats a name with `@` as a path, not a Hub id, and would not
 * prefix modelsRoot.
 */
export function pretrainedName(entry: CatalogueEntry, modelsRoot: string): string {
  if (entry.path === undefined) return entry.id;
  return modelsRoot.replace(/\/?$/, '/') + entryFolder(entry).replace(/\/$/, '');
}

/** What the tokenizer's `from_pretrained` is given: a checkpoint's parent id, else the entry's own name. */
export function tokenizerName(entry: CatalogueEntry, modelsRoot: string): string {
  return entry.tokenizer ?? pretrainedName(entry, modelsRoot);
}
