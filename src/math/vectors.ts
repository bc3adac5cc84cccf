/**
 * Similarity between rows of a matrix: cosine similarity, nearest neighbours by cosine, and the
 * average similarity of rows a given distance apart (for position embeddings). Row-major
 * [n][d] arrays throughout; sums in float64.
 */

/** Euclidean length of each of the n rows of a row-major [n][d] matrix. */
export function rowNorms(m: ArrayLike<number>, n: number, d: number): Float64Array {
  if (m.length !== n * d) throw new RangeError(`rowNorms: ${m.length} entries, expected ${n}×${d}`);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += m[r * d + c] ** 2;
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** cos ∠(a, b) = a·b / (‖a‖‖b‖); 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine: lengths ${a.length} and ${b.length}`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

export interface Neighbour {
  /** Row index, e.g. a token id. */
  index: number;
  cosine: number;
}

/**
 * The k rows most similar to row `row` by cosine, excluding the row itself, by decreasing cosine
 * (ties by smaller index). Exact: every row is scored, in all d dimensions.
 *
 * @param norms optional precomputed {@link rowNorms}, to score many queries against one matrix.
 */
export function cosineNeighbours(
  m: ArrayLike<number>,
  n: number,
  d: number,
  row: number,
  k: number,
  norms: ArrayLike<number> = rowNorms(m, n, d),
): Neighbour[] {
  if (!Number.isInteger(row) || row < 0 || row >= n) throw new RangeError(`cosineNeighbours: row ${row} not in [0, ${n})`);
  const q = row * d;
  const scored: Neighbour[] = [];
  for (let r = 0; r < n; r++) {
    if (r === row) continue;
    let s = 0;
    const o = r * d;
    for (let c = 0; c < d; c++) s += m[q + c] * m[o + c];
    const denom = norms[row] * norms[r];
    scored.push({ index: r, cosine: denom > 0 ? s / denom : 0 });
  }
  scored.sort((a, b) => b.cosine - a.cosine || a.index - b.index);
  return scored.slice(0, Math.max(0, k));
}

/**
 * Mean cosine similarity between rows i and i + Δ, for Δ = 0 … maxDistance, over every pair of
 * rows that distance apart in [0, n). Row i is position i, so this is "how alike are two
 * positions Δ tokens apart". Entry Δ is NaN when no pair is that far apart.
 */
export function cosineByDistance(m: ArrayLike<number>, n: number, d: number, maxDistance: number): Float64Array {
  const norms = rowNorms(m, n, d);
  const out = new Float64Array(maxDistance + 1);
  for (let delta = 0; delta <= maxDistance; delta++) {
    let s = 0;
    let count = 0;
    for (let i = 0; i + delta < n; i++) {
      const j = i + delta;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += m[i * d + c] * m[j * d + c];
      const denom = norms[i] * norms[j];
      s += denom > 0 ? dot / denom : 0;
      count++;
    }
    out[delta] = count ? s / count : NaN;
  }
  return out;
}

/**
 * The sinusoidal position encoding of Vaswani et al. (2017, §3.5), [n][d] row-major:
 * PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).
 * @see https://arxiv.org/abs/1706.03762
 */
export function sinusoidalPositions(n: number, d: number, base = 10000): Float32Array {
  const out = new Float32Array(n * d);
  for (let pos = 0; pos < n; pos++) {
    for (let c = 0; c < d; c++) {
      const i2 = c - (c % 2); // 2i, shared by the sine/cosine pair
      const angle = pos / Math.pow(base, i2 / d);
      out[pos * d + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}
