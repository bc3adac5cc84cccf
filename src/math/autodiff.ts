/**
 * A small reverse-mode automatic differentiation over row-major matrices, enough for the training
 * chapter's tiny character model (embedding → tanh layer → logits → cross-entropy). Each op
 * records how to send its output's gradient back to its inputs; `backward` walks the graph in
 * reverse topological order, adding into every `grad`. Checked against finite differences in
 * tests/unit/math/autodiff.test.ts. Pure and dependency-free; float64 throughout.
 */

export class Mat {
  readonly grad: Float64Array;
  /** Sends this node's `grad` to its inputs; leaves (parameters, data) have none. */
  backprop: (() => void) | null = null;

  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly data: Float64Array = new Float64Array(rows * cols),
    readonly inputs: readonly Mat[] = [],
  ) {
    if (data.length !== rows * cols) throw new RangeError(`Mat: ${data.length} values for ${rows}×${cols}`);
    this.grad = new Float64Array(rows * cols);
  }
}

/** a [n×k] · b [k×m] → [n×m]. */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const n = a.rows, k = a.cols, m = b.cols;
  const out = new Mat(n, m, new Float64Array(n * m), [a, b]);
  const A = a.data, B = b.data, C = out.data;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < m; j++) C[i * m + j] += aip * B[p * m + j];
    }
  }
  out.backprop = () => {
    const G = out.grad;
    // dA = G · Bᵀ, dB = Aᵀ · G
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += G[i * m + j] * B[p * m + j];
        a.grad[i * k + p] += s;
        const aip = A[i * k + p];
        if (aip !== 0) for (let j = 0; j < m; j++) b.grad[p * m + j] += aip * G[i * m + j];
      }
    }
  };
  return out;
}

/** a [n×m] plus the row vector `bias` [1×m] on every row. */
export function addRow(a: Mat, bias: Mat): Mat {
  if (bias.rows !== 1 || bias.cols !== a.cols) throw new RangeError(`addRow: bias ${bias.rows}×${bias.cols} for ${a.rows}×${a.cols}`);
  const out = new Mat(a.rows, a.cols, new Float64Array(a.data.length), [a, bias]);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] + bias.data[i % a.cols];
  out.backprop = () => {
    for (let i = 0; i < a.data.length; i++) {
      a.grad[i] += out.grad[i];
      bias.grad[i % a.cols] += out.grad[i];
    }
  };
  return out;
}

export function tanh(a: Mat): Mat {
  const out = new Mat(a.rows, a.cols, a.data.map(Math.tanh), [a]);
  out.backprop = () => {
    for (let i = 0; i < a.data.length; i++) a.grad[i] += out.grad[i] * (1 - out.data[i] * out.data[i]);
  };
  return out;
}

/**
 * Rows of the table `emb` [V×e] looked up and laid side by side: row i of the result is
 * emb[ids[i][0]] ‖ emb[ids[i][1]] ‖ …, so [n × (c·e)] for n contexts of c ids.
 */
export function embed(emb: Mat, ids: readonly (readonly number[])[]): Mat {
  const e = emb.cols;
  const c = ids[0]?.length ?? 0;
  const out = new Mat(ids.length, c * e, new Float64Array(ids.length * c * e), [emb]);
  ids.forEach((row, i) => row.forEach((id, j) => out.data.set(emb.data.subarray(id * e, id * e + e), (i * c + j) * e)));
  out.backprop = () => {
    ids.forEach((row, i) =>
      row.forEach((id, j) => {
        for (let q = 0; q < e; q++) emb.grad[id * e + q] += out.grad[(i * c + j) * e + q];
      }),
    );
  };
  return out;
}

/** Mean over rows of −ln softmax(logits[i])[targets[i]], nats: a [1×1] result. */
export function crossEntropy(logits: Mat, targets: readonly number[]): Mat {
  const n = logits.rows, V = logits.cols;
  if (targets.length !== n) throw new RangeError(`crossEntropy: ${targets.length} targets for ${n} rows`);
  const probs = new Float64Array(n * V);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, logits.data[o + v]);
    let s = 0;
    for (let v = 0; v < V; v++) s += (probs[o + v] = Math.exp(logits.data[o + v] - max));
    for (let v = 0; v < V; v++) probs[o + v] /= s;
    loss -= Math.log(probs[o + targets[i]]);
  }
  const out = new Mat(1, 1, Float64Array.of(loss / n), [logits]);
  out.backprop = () => {
    // ∂(mean CE)/∂logits = (softmax − onehot) / n
    const g = out.grad[0] / n;
    for (let i = 0; i < n; i++) {
      for (let v = 0; v < V; v++) logits.grad[i * V + v] += g * (probs[i * V + v] - (v === targets[i] ? 1 : 0));
    }
  };
  return out;
}

/** Reverse-mode sweep from a scalar: its grad is set to 1 and every input's grad accumulates. */
export function backward(root: Mat): void {
  if (root.data.length !== 1) throw new RangeError('backward: start from a scalar');
  const order: Mat[] = [];
  const seen = new Set<Mat>();
  const visit = (m: Mat) => {
    if (seen.has(m)) return;
    seen.add(m);
    m.inputs.forEach(visit);
    order.push(m);
  };
  visit(root);
  root.grad[0] = 1;
  for (let i = order.length - 1; i >= 0; i--) order[i].backprop?.();
}
