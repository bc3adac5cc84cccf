/**
 * The model's side files the layers chapter reads (DESIGN.md §4): weights.json (ln_f's gain,
 * shift and epsilon; the files' shapes), weights/wte.f32, the token-embedding matrix that is
 * also the tied output head, and weights/wpe.f32, the learned positions. Fetched once per page and model, same origin, only when a
 * diagram that decodes the residual stream comes near the viewport (wte is vocab × d × 4 bytes).
 */
import type { FinalNorm, Unembedding } from '../../math/logit-lens';
import { parseMatrix, type WeightsManifest } from '../../model/weights';

export type { WeightsManifest };

export interface SideFiles {
  norm: FinalNorm;
  unembedding: Unembedding;
  /** Learned positions, row-major [positions][d]. */
  wpe: Float32Array;
}

/** Check the manifest against the binaries and wrap them; throws on a mismatch rather than drawing nonsense. */
export function sideFilesFrom(manifest: WeightsManifest, wteBytes: ArrayBuffer, wpeBytes: ArrayBuffer): SideFiles {
  // Same parser as the embeddings chapter: dtype and byte count checked against the shape.
  const wte = parseMatrix(wteBytes, manifest.wte);
  const wpe = parseMatrix(wpeBytes, manifest.wpe);
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
    const dir = `${base}models/${encodeURIComponent(id)}/`;
    p = (async () => {
      const res = await fetch(`${dir}weights.json`);
      if (!res.ok) throw new Error(`weights.json: HTTP ${res.status}`);
      const manifest = (await res.json()) as WeightsManifest;
      const bytes = async (file: string) => {
        const r = await fetch(dir + file);
        if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
        return r.arrayBuffer();
      };
      const [wte, wpe] = await Promise.all([bytes(manifest.wte.file), bytes(manifest.wpe.file)]);
      return sideFilesFrom(manifest, wte, wpe);
    })();
    p.catch(() => cache.delete(id)); // let a retry fetch again
    cache.set(id, p);
  }
  return p;
}
