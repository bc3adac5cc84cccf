/**
 * The model's weight side files (DESIGN.md §4): `weights.json` names each matrix's file, dtype and
 * shape. A float32 matrix is little-endian float32, row-major; wte ships as the default variant's
 * own int8 values plus one float32 scale per row (value = q × scale), a quarter of the bytes and
 * exactly the weights the model computes with. Diagrams that show weights directly (the embedding
 * cloud, positions, the logit lens) read them here, never from the ONNX.
 * Pure parsing plus a fetch-based loader for the page; `weights-node.ts` reads the same files in Node.
 */
import { tokenBytes, bytesToText } from './bytes';
import { TensorF32 } from './tensor';

export interface MatrixEntry {
  file: string;
  dtype: 'float32' | 'int8';
  /** [rows][cols], e.g. [vocab][d] for wte. */
  shape: [number, number];
  /** int8 only: the file of one little-endian float32 scale per row. */
  scales?: string;
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

function expectBytes(file: string, buf: ArrayBuffer, n: number, what: string) {
  if (buf.byteLength !== n) throw new Error(`weights: ${file} has ${buf.byteLength} bytes, expected ${what}`);
}

/**
 * A matrix from its raw bytes (and, for int8, its per-row scales) as float32; throws when a byte
 * count does not fit the shape. int8 values become q × scale rounded to float32: the same number
 * the ONNX DequantizeLinear computes, since an int8 × float32 product is exact in a double.
 */
export function parseMatrix(buf: ArrayBuffer, entry: MatrixEntry, scales?: ArrayBuffer): TensorF32 {
  const [rows, cols] = entry.shape;
  // Typed arrays read in the platform's byte order; every browser and Node target is little-endian.
  if (entry.dtype === 'float32') {
    expectBytes(entry.file, buf, rows * cols * 4, `${rows}×${cols}×4`);
    return new TensorF32(new Float32Array(buf), [rows, cols]);
  }
  if (entry.dtype !== 'int8') throw new Error(`weights: ${entry.file} has dtype ${String(entry.dtype)}, expected float32 or int8`);
  if (!entry.scales || !scales) throw new Error(`weights: ${entry.file} is int8 but has no scales`);
  expectBytes(entry.file, buf, rows * cols, `${rows}×${cols}`);
  expectBytes(entry.scales, scales, rows * 4, `${rows}×4`);
  const q = new Int8Array(buf);
  const s = new Float32Array(scales);
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const sr = s[r];
    for (let c = r * cols, end = c + cols; c < end; c++) out[c] = q[c] * sr;
  }
  return new TensorF32(out, [rows, cols]);
}

/** The files a matrix entry needs: its values, and for int8 its scales. */
export function matrixFiles(entry: MatrixEntry): string[] {
  return entry.scales ? [entry.file, entry.scales] : [entry.file];
}

/** A matrix from a synchronous file getter (Node, or files already fetched). */
export function matrixFrom(entry: MatrixEntry, bytes: (file: string) => ArrayBuffer): TensorF32 {
  return parseMatrix(bytes(entry.file), entry, entry.scales === undefined ? undefined : bytes(entry.scales));
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
  models: { id: string; version: string; archived?: boolean }[];
}

/** Reads one file of the model folder as JSON or bytes; the page passes fetch, Node passes fs. */
export interface Reader {
  json(path: string): Promise<unknown>;
  bytes(path: string): Promise<ArrayBuffer>;
}

async function manifestOf(read: Reader) {
  const cat = (await read.json('models.json')) as Catalogue;
  const entry = cat.models.find((m) => m.id === cat.default && !m.archived);
  if (!entry) throw new Error(`weights: the default model ${cat.default} is not in models.json`);
  const dir = `${entry.id}/`;
  return { entry, dir, manifest: (await read.json(dir + 'weights.json')) as WeightsManifest };
}

/** Only the learned positions, [P][d], of the default model (200 kB rather than the 1.6 MB of wte). */
export async function readPositions(read: Reader): Promise<{ model: Embeddings['model']; wpe: TensorF32 }> {
  const { entry, dir, manifest } = await manifestOf(read);
  return { model: { id: entry.id, version: entry.version }, wpe: await readMatrix(read, dir, manifest.wpe) };
}

/** One matrix of a model folder `dir` (relative to what `read` reads), with its scales if any. */
export async function readMatrix(read: Reader, dir: string, entry: MatrixEntry): Promise<TensorF32> {
  const files = matrixFiles(entry);
  const bufs = new Map(await Promise.all(files.map(async (f) => [f, await read.bytes(dir + f)] as const)));
  return matrixFrom(entry, (f) => bufs.get(f)!);
}

/** The default model's embeddings, through `read` relative to the `models/` folder. */
export async function readEmbeddings(read: Reader): Promise<Embeddings> {
  const { entry, dir, manifest } = await manifestOf(read);
  const [wte, wpe, tokenizer] = await Promise.all([
    readMatrix(read, dir, manifest.wte),
    readMatrix(read, dir, manifest.wpe),
    read.json(dir + 'tokenizer.json') as Promise<TokenizerJson>,
  ]);
  if (wte.shape[1] !== wpe.shape[1]) throw new Error(`weights: wte width ${wte.shape[1]} ≠ wpe width ${wpe.shape[1]}`);
  return { model: { id: entry.id, version: entry.version }, wte, wpe, vocab: vocabTexts(tokenizer, wte.shape[0]) };
}

/** Reads the site's `models/` folder over HTTP; `base` is Astro's BASE_URL. */
export function fetchReader(base: string): Reader {
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
