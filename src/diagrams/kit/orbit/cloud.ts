/**
 * The embedding-space diagram's data, pure so Node (tests, build-time HTML) and the page agree:
 * the cloud (wte rows PCA'd to 3D, scaled to about radius 1), a token's nearest neighbours by
 * cosine in all d dimensions, token search, and the JSON export.
 */
import { cosineNeighbours, pca, rowNorms } from '../../../math/index';
import type { Embeddings } from '../../../model/weights';

/** Neighbours listed for the selected token. */
export const K = 10;
/** PCA axes drawn. */
const AXES = 3;
/** Cloud radius in PC1 standard deviations: ±3σ of the widest axis maps to ±1. */
const SIGMAS = 3;

export interface Projection {
  method: 'pca';
  /** Variance along each drawn axis, in squared embedding units. */
  explainedVariance: number[];
  /** Share of the total variance (all d dimensions) each axis keeps. */
  explainedVarianceRatio: number[];
}

export interface Cloud {
  /** Rows (vocabulary size) and dimensions per row. */
  n: number;
  d: number;
  /** [n][3] PCA coordinates divided by `scale`, ready for Three.js. */
  coords: Float32Array;
  /** Embedding units per drawn unit. */
  scale: number;
  projection: Projection;
  norms: Float64Array;
  /** The axes, to place other d-vectors (hidden states) in the same drawn space. */
  basis: { mean: number[]; components: number[][]; scale: number };
}

export function buildCloud(emb: Embeddings): Cloud {
  const [n, d] = emb.wte.shape;
  const r = pca(emb.wte.data, n, d, AXES);
  const scale = SIGMAS * Math.sqrt(r.explainedVariance[0]) || 1;
  const coords = new Float32Array(r.coords.length);
  for (let i = 0; i < coords.length; i++) coords[i] = r.coords[i] / scale;
  return {
    n,
    d,
    coords,
    scale,
    projection: {
      method: 'pca',
      explainedVariance: Array.from(r.explainedVariance),
      explainedVarianceRatio: Array.from(r.explainedVarianceRatio),
    },
    norms: rowNorms(emb.wte.data, n, d),
    basis: {
      mean: Array.from(r.mean),
      components: Array.from({ length: AXES }, (_, k) => Array.from(r.components.subarray(k * d, (k + 1) * d))),
      scale,
    },
  };
}

export interface NeighbourRow {
  id: number;
  text: string;
  cosine: number;
}

/** The K nearest tokens to `token` by cosine over the full wte rows; [] when none is selected. */
export function neighboursOf(emb: Embeddings, token: number, norms?: Float64Array): NeighbourRow[] {
  const [n, d] = emb.wte.shape;
  if (token < 0 || token >= n) return [];
  return cosineNeighbours(emb.wte.data, n, d, token, K, norms).map(({ index, cosine }) => ({
    id: index,
    text: emb.vocab[index],
    cosine,
  }));
}

/**
 * Token ids whose text matches `query`: exact text first (with and without a leading space, as
 * BPE stores most words with theirs), then prefix, then substring; at most `limit`.
 */
export function searchTokens(vocab: readonly string[], query: string, limit = 8): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (t: string) => {
    const s = t.toLowerCase();
    const bare = s.trimStart();
    if (bare === q) return s === q ? 0 : 1;
    if (bare.startsWith(q)) return 2;
    if (s.includes(q)) return 3;
    return -1;
  };
  const hits: { id: number; r: number; len: number }[] = [];
  vocab.forEach((t, id) => {
    const r = rank(t);
    if (r >= 0) hits.push({ id, r, len: t.length });
  });
  hits.sort((a, b) => a.r - b.r || a.len - b.len || a.id - b.id);
  return hits.slice(0, limit).map((h) => h.id);
}

export type EmbeddingState = {
  text: string;
  token: number;
  projection: 'pca';
  yaw: number;
  pitch: number;
  distance: number;
};

export interface SentenceToken {
  /** 0-based position in the reader's text. */
  index: number;
  id: number;
  text: string;
}

export interface EmbeddingExport {
  state: EmbeddingState;
  /** "example" until the page has loaded the weights and tokenized the text itself. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  /** Rows × width of the matrix drawn. */
  matrix: { rows: number; dims: number };
  projection: Projection;
  token: { id: number; text: string } | null;
  neighbours: NeighbourRow[];
  sentence: (SentenceToken & { position: number[] })[];
}

const round6 = (x: number) => Number(x.toFixed(6));

export function exportOf(
  state: EmbeddingState,
  source: EmbeddingExport['source'],
  emb: Embeddings,
  cloud: Pick<Cloud, 'n' | 'd' | 'projection' | 'coords'> | null,
  neighbours: NeighbourRow[],
  sentence: SentenceToken[],
): EmbeddingExport {
  const [rows, dims] = emb.wte.shape;
  const token = state.token >= 0 && state.token < rows ? { id: state.token, text: emb.vocab[state.token] } : null;
  return {
    state: { ...state },
    source,
    model: { ...emb.model },
    matrix: { rows, dims },
    projection: cloud ? cloud.projection : { method: 'pca', explainedVariance: [], explainedVarianceRatio: [] },
    token,
    neighbours,
    sentence: sentence.map((t) => ({
      ...t,
      position: cloud ? Array.from(cloud.coords.subarray(t.id * 3, t.id * 3 + 3), round6) : [],
    })),
  };
}
