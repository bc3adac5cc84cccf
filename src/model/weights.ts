/**
 * The model's weight side files (DESIGN.md §4): `weights.json` names each matrix's file and
 * shape, and `weights/<name>.f32` holds it as little-endian float32, row-major. Diagrams that
 * show weights directly (the embedding cloud, positions) read them here, never from the ONNX.
 * Pure parsing plus a fetch-based loader for the page; `weights-node.ts` reads the same files in Node.
 */
import { tokenBytes, bytesToText } from './bytes';
import { TensorF32 } from './tensor';

export interface MatrixEntry {
  file: string;
  dtype: 'float32';
  /** [rows][cols], e.g. [vocab][d] for wte. */
  shape: [number, number];
}

export interface WeightsManifest {
  wte: MatrixEntry;
  wpe: MatrixEntry;
  /** The final LayerNorm's gain and shift (d numbers each) and epsilon. */
  ln_f: { weight: number[]; bias: number[]; eps: number };
}

export interface Embeddings {
  model: { id: string; version: string };
  /** [V][d] token embeddings (also the tied output head). */
  wte: TensorF32;
  /** [P][d] learned position embeddings, one row per position of the context. */
  wpe: TensorF32;
  /** Length V: each token's text, decoded from its bytes as the model's tokenizer would. */
  vocab: string[];
}

/** A float32 matrix from its raw bytes; throws when the byte count does not fit the shape. */
export function parseMatrix(buf: ArrayBuffer, entry: MatrixEntry): TensorF32 {
  if (entry.dtype !== 'float32') throw new Error(`weights: ${entry.file} has dtype ${entry.dtype}, expected float32`);
  const [rows, cols] = entry.shape;
  if (buf.byteLength !== rows * cols * 4) {
    throw new Error(`weights: ${entry.file} has ${buf.byteLength} bytes, expected ${rows}×${cols}×4`);
  }
  // Float32Array reads in the platform's byte order; every browser and Node target is little-endian.
  return new TensorF32(new Float32Array(buf), [rows, cols]);
}

export interface TokenizerJson {
  model: { vocab: Record<string, number> };
  added_tokens?: { id: number; content: string }[];
}

/** Each token id's text from tokenizer.json: byte-level pieces decoded to UTF-8, special tokens by name. */
export function vocabTexts(tokenizer: TokenizerJson, size: number): string[] {
  const out = new Array<string>(size).fill('');
  for (const [piece, id] of Object.entries(tokenizer.model.vocab)) {
    if (id < 0 || id >= size) continue;
    const bytes = tokenBytes(piece);
    out[id] = bytes === null ? piece : bytesToText(bytes);
  }
  for (const t of tokenizer.added_tokens ?? []) if (t.id >= 0 && t.id < size) out[t.id] = t.content;
  return out;
}

interface Catalogue {
  default: string;
  models: { id: string; version: string }[];
}

/** Reads one file of the model folder as JSON or bytes; the page passes fetch, Node passes fs. */
export interface Reader {
  json(path: string): Promise<unknown>;
  bytes(path: string): Promise<ArrayBuffer>;
}

async function manifestOf(read: Reader) {
  const cat = (await read.json('models.json')) as Catalogue;
  const entry = cat.models.find((m) => m.id === cat.default);
  if (!entry) throw new Error(`weights: the default model ${cat.default} is not in models.json`);
  const dir = `${entry.id}/`;
  return { entry, dir, manifest: (await read.json(dir + 'weights.json')) as WeightsManifest };
}

/** Only the learned positions, [P][d], of the default model (200 kB rather than the 6 MB of wte). */
export async function readPositions(read: Reader): Promise<{ model: Embeddings['model']; wpe: TensorF32 }> {
  const { entry, dir, manifest } = await manifestOf(read);
  return { model: { id: entry.id, version: entry.version }, wpe: parseMatrix(await read.bytes(dir + manifest.wpe.file), manifest.wpe) };
}

/** The default model's embeddings, through `read` relative to the `models/` folder. */
export async function readEmbeddings(read: Reader): Promise<Embeddings> {
  const { entry, dir, manifest } = await manifestOf(read);
  const [wteBuf, wpeBuf, tokenizer] = await Promise.all([
    read.bytes(dir + manifest.wte.file),
    read.bytes(dir + manifest.wpe.file),
    read.json(dir + 'tokenizer.json') as Promise<TokenizerJson>,
  ]);
  const wte = parseMatrix(wteBuf, manifest.wte);
  const wpe = parseMatrix(wpeBuf, manifest.wpe);
  if (wte.shape[1] !== wpe.shape[1]) throw new Error(`weights: wte width ${wte.shape[1]} ≠ wpe width ${wpe.shape[1]}`);
  return { model: { id: entry.id, version: entry.version }, wte, wpe, vocab: vocabTexts(tokenizer, wte.shape[0]) };
}

/** Reads the site's `models/` folder over HTTP; `base` is Astro's BASE_URL. */
function fetchReader(base: string): Reader {
  const root = base.replace(/\/?$/, '/') + 'models/';
  const get = async (path: string) => {
    const res = await fetch(root + path);
    if (!res.ok) throw new Error(`weights: ${path} answered ${res.status}`);
    return res;
  };
  return { json: async (p) => (await get(p)).json(), bytes: async (p) => (await get(p)).arrayBuffer() };
}

/** One download per page, shared by every diagram; a failed one may be retried. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () =>
    (p ??= load().catch((e) => {
      p = null;
      throw e;
    }));
}

let embeddings: (() => Promise<Embeddings>) | null = null;
let positions: (() => Promise<Awaited<ReturnType<typeof readPositions>>>) | null = null;

export function loadEmbeddings(base: string): Promise<Embeddings> {
  embeddings ??= once(() => readEmbeddings(fetchReader(base)));
  return embeddings();
}

export function loadPositions(base: string): ReturnType<typeof readPositions> {
  positions ??= once(() => readPositions(fetchReader(base)));
  return positions();
}
