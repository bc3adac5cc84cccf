/**
 * The model's side files the layers chapter reads (DESIGN.md §4): weights.json (ln_f's gain,
 * shift and epsilon; the files' shapes and dtypes), wte, the token-embedding matrix that is also
 * the tied output head (int8 with per-row scales, 1.6 MB), and wpe, the learned positions.
 * Fetched once per page and model, same origin, only when a diagram that decodes the residual
 * stream comes near the viewport.
 */
import type { FinalNorm, Unembedding } from '../../../math/logit-lens';
import { fetchReader, matrixFiles, matrixFrom, type WeightsManifest } from '../../../model/weights';

export type { WeightsManifest };

export interface SideFiles {
  norm: FinalNorm;
  unembedding: Unembedding;
  /** Learned positions, row-major [positions][d]. */
  wpe: Float32Array;
}

/**
 * Check the manifest against the binaries (`bytes` returns a file the manifest names) and wrap
 * them; throws on a mismatch rather than drawing nonsense.
 */
export function sideFilesFrom(manifest: WeightsManifest, bytes: (file: string) => ArrayBuffer): SideFiles {
  // Same parser as the embeddings chapter: dtype and byte counts checked against the shape.
  const wte = matrixFrom(manifest.wte, bytes);
  const wpe = matrixFrom(manifest.wpe, bytes);
  const [vocab, d] = wte.shape;
  if (wpe.shape[1] !== d) throw new Error(`weights: wpe width ${wpe.shape[1]} ≠ wte width ${d}`);
  const { weight, bias, eps } = manifest.ln_f;
  if (weight.length !== d || bias.length !== d) throw new Error(`weights.json: ln_f has ${weight.length} entries, expected ${d}`);
  return { norm: { weight, bias, eps }, unembedding: { wte: wte.data, vocab, d }, wpe: wpe.data };
}

const cache = new Map<string, Promise<SideFiles>>();

/** `base` is the site's BASE_URL with a trailing slash. */
export function loadSideFiles(base: string, id: string): Promise<SideFiles> {
  let p = cache.get(id);
  if (!p) {
    const read = fetchReader(base);
    const dir = `${encodeURIComponent(id)}/`;
    p = (async () => {
      const manifest = (await read.json(`${dir}weights.json`)) as WeightsManifest;
      const files = [...matrixFiles(manifest.wte), ...matrixFiles(manifest.wpe)];
      const bufs = new Map(await Promise.all(files.map(async (f) => [f, await read.bytes(dir + f)] as const)));
      return sideFilesFrom(manifest, (f) => bufs.get(f)!);
    })();
    p.catch(() => cache.delete(id)); // let a retry fetch again
    cache.set(id, p);
  }
  return p;
}
