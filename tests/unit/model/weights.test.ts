/**
 * The weight side files as the site reads them, against the shipped files and the tokenizer:
 * shapes from config.json, exact bytes, token texts as the model's own tokenizer decodes them,
 * and PCA's explained variance against an independent eigen-decomposition of the covariance.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pca } from '../../../src/math/index';
import { nodeModel, readCatalogue } from '../../../src/model/node';
import { parseMatrix } from '../../../src/model/weights';
import { nodeEmbeddings } from '../../../src/model/weights-node';
import type { Embeddings } from '../../../src/model/weights';
import { assertInDelta } from '../math/assert';

const id = readCatalogue().default;
const config = JSON.parse(readFileSync(`public/models/${id}/config.json`, 'utf8'));

let emb: Embeddings;
beforeAll(async () => {
  emb = await nodeEmbeddings();
});

/** All eigenvalues of a symmetric [d][d] matrix by cyclic Jacobi rotations (reference only). */
function jacobiEigenvalues(a: Float64Array, d: number): number[] {
  const m = Float64Array.from(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p * d + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = m[k * d + p];
          const akq = m[k * d + q];
          m[k * d + p] = c * akp - s * akq;
          m[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = m[p * d + k];
          const aqk = m[q * d + k];
          m[p * d + k] = c * apk - s * aqk;
          m[q * d + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: d }, (_, i) => m[i * d + i]).sort((x, y) => y - x);
}

describe('weight side files', () => {
  it('have the shapes config.json gives: wte [vocab][d], wpe [context][d]', () => {
    expect(emb.model.id).toBe(id);
    expect(emb.wte.shape).toEqual([config.vocab_size, config.n_embd]);
    expect(emb.wpe.shape).toEqual([config.n_positions, config.n_embd]);
    expect(emb.vocab).toHaveLength(config.vocab_size);
  });

  it('hold wte as the int8 file times its per-row float32 scales, and wpe as float32, byte for byte', () => {
    const manifest = JSON.parse(readFileSync(`public/models/${id}/weights.json`, 'utf8'));
    expect(manifest.wte).toMatchObject({ dtype: 'int8', shape: [config.vocab_size, config.n_embd] });
    const q = readFileSync(`public/models/${id}/${manifest.wte.file}`);
    const sc = readFileSync(`public/models/${id}/${manifest.wte.scales}`);
    const scales = new DataView(sc.buffer, sc.byteOffset, sc.byteLength);
    const d = config.n_embd;
    for (const i of [0, 1, d - 1, d, 12345, emb.wte.size - 1]) {
      expect(emb.wte.data[i]).toBe(Math.fround(q.readInt8(i) * scales.getFloat32(Math.floor(i / d) * 4, true)));
    }
    expect(emb.wte.data.every(Number.isFinite)).toBe(true);
    const p = readFileSync(`public/models/${id}/${manifest.wpe.file}`);
    const pv = new DataView(p.buffer, p.byteOffset, p.byteLength);
    for (const i of [0, d + 1, emb.wpe.size - 1]) expect(emb.wpe.data[i]).toBe(pv.getFloat32(i * 4, true));
  });

  it('parseMatrix refuses a file whose size does not fit the shape', () => {
    expect(() => parseMatrix(new ArrayBuffer(12), { file: 'x', dtype: 'float32', shape: [2, 2] })).toThrow(/16|2×2/);
    const int8 = { file: 'x', dtype: 'int8' as const, shape: [2, 3] as [number, number], scales: 's' };
    expect(() => parseMatrix(new ArrayBuffer(5), int8, new ArrayBuffer(8))).toThrow(/2×3/);
    expect(() => parseMatrix(new ArrayBuffer(6), int8, new ArrayBuffer(4))).toThrow(/2×4/);
    expect(() => parseMatrix(new ArrayBuffer(6), int8)).toThrow(/scales/);
  });

  it('parseMatrix turns int8 rows into q × the row’s scale', () => {
    const q = new Int8Array([1, -2, 127, -127, 0, 3]);
    const s = new Float32Array([0.5, 0.1]);
    const m = parseMatrix(q.buffer, { file: 'x', dtype: 'int8', shape: [2, 3], scales: 's' }, s.buffer);
    expect(Array.from(m.data)).toEqual([0.5, -1, 63.5, -127 * Math.fround(0.1), 0, 3 * Math.fround(0.1)].map(Math.fround));
  });

  it('decode each token id to the same text as the model’s tokenizer', async () => {
    const model = nodeModel();
    const { tokens } = await model.tokenize(' The king and the queen, 1879! 🙂');
    expect(tokens.length).toBeGreaterThan(3);
    for (const t of tokens) expect(emb.vocab[t.id]).toBe(t.text);
    expect(emb.vocab[config.eos_token_id]).toBe('<|endoftext|>');
  });

  it('PCA of wte explains the variance an independent eigen-decomposition finds', () => {
    const [n, d] = emb.wte.shape;
    const r = pca(emb.wte.data, n, d, 3);
    // Reference: the sample covariance (divisor n − 1) in float64 and all its eigenvalues.
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += emb.wte.data[i * d + c] / n;
    const cov = new Float64Array(d * d);
    const x = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < d; c++) x[c] = emb.wte.data[i * d + c] - mean[c];
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += (x[a] * x[b]) / (n - 1);
    }
    const eig = jacobiEigenvalues(cov, d);
    const total = eig.reduce((s, v) => s + v, 0);
    assertInDelta(r.explainedVariance, eig.slice(0, 3), 1e-6 * eig[0]);
    assertInDelta(r.explainedVarianceRatio, eig.slice(0, 3).map((v) => v / total), 1e-6);
  }, 120_000);
});
