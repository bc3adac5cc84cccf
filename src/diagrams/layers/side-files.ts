/**
 * The model's side files the layers chapter reads (DESIGN.md §4): weights.json (ln_f's gain,
 * shift and epsilon; wte's file and shape) and weights/wte.f32, the token-embedding matrix that
 * is also the tied output head. Fetched once per page and model, same origin, only when a
 * diagram that decodes the residual stream comes near the viewport (wte is vocab × d × 4 bytes).
 */
import type { FinalNorm, Unembedding } from '../../math/logit-lens';

export interface WeightsManifest {
  wte: { file: string; dtype: string; shape: [number, number] };
  ln_f: { weight: number[]; bias: number[]; eps: number };
}

export interface SideFiles {
  norm: FinalNorm;
  unembedding: Unembedding;
}

/** Check the manifest against the binary and wrap both; throws on a mismatch rather than drawing nonsense. */
export function sideFilesFrom(manifest: WeightsManifest, wteBytes: ArrayBuffer): SideFiles {
  const [vocab, d] = manifest.wte.shape;
  if (manifest.wte.dtype !== 'float32') throw new Error(`weights.json: wte is ${manifest.wte.dtype}, expected float32`);
  if (wteBytes.byteLength !== vocab * d * 4) {
    throw new Error(`wte.f32 has ${wteBytes.byteLength} bytes, expected ${vocab}×${d}×4`);
  }
  const { weight, bias, eps } = manifest.ln_f;
  if (weight.length !== d || bias.length !== d) throw new Error(`weights.json: ln_f has ${weight.length} entries, expected ${d}`);
  // Little-endian on disk (training/export.py writes "<f4"); every platform a browser runs on is too.
  return { norm: { weight, bias, eps }, unembedding: { wte: new Float32Array(wteBytes), vocab, d } };
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
      const bin = await fetch(dir + manifest.wte.file);
      if (!bin.ok) throw new Error(`${manifest.wte.file}: HTTP ${bin.status}`);
      return sideFilesFrom(manifest, await bin.arrayBuffer());
    })();
    p.catch(() => cache.delete(id)); // let a retry fetch again
    cache.set(id, p);
  }
  return p;
}
