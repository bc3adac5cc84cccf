/**
 * The model's side files the layers chapter reads (DESIGN.md §4): weights.json (ln_f's gain,
 * shift and epsilon; the files' shapes), weights/wte.f32, the token-embedding matrix that is
 * also the tied output head, and weights/wpe.f32, the learned positions. Fetched once per page and model, same origin, only when a
 * diagram that decodes the residual stream comes near the viewport (wte is vocab × d × 4 bytes).
 */
import type { FinalNorm, Unembedding } from '../../math/logit-lens';

export interface WeightsManifest {
  wte: { file: string; dtype: string; shape: [number, number] };
  wpe: { file: string; dtype: string; shape: [number, number] };
  ln_f: { weight: number[]; bias: number[]; eps: number };
}

export interface SideFiles {
  norm: FinalNorm;
  unembedding: Unembedding;
  /** Learned positions, row-major [positions][d]. */
  wpe: Float32Array;
}

/** Check the manifest against the binary and wrap both; throws on a mismatch rather than drawing nonsense. */
export function sideFilesFrom(manifest: WeightsManifest, wteBytes: ArrayBuffer, wpeBytes: ArrayBuffer): SideFiles {
  const [vocab, d] = manifest.wte.shape;
  if (manifest.wte.dtype !== 'float32') throw new Error(`weights.json: wte is ${manifest.wte.dtype}, expected float32`);
  if (wteBytes.byteLength !== vocab * d * 4) {
    throw new Error(`wte.f32 has ${wteBytes.byteLength} bytes, expected ${vocab}×${d}×4`);
  }
  const [positions, dp] = manifest.wpe.shape;
  if (dp !== d || wpeBytes.byteLength !== positions * d * 4) throw new Error(`wpe.f32 has ${wpeBytes.byteLength} bytes, expected ${positions}×${d}×4`);
  const { weight, bias, eps } = manifest.ln_f;
  if (weight.length !== d || bias.length !== d) throw new Error(`weights.json: ln_f has ${weight.length} entries, expected ${d}`);
  // Little-endian on disk (training/export.py writes "<f4"); every platform a browser runs on is too.
  return { norm: { weight, bias, eps }, unembedding: { wte: new Float32Array(wteBytes), vocab, d }, wpe: new Float32Array(wpeBytes) };
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
