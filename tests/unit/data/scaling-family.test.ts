/**
 * The scaling family's committed measurements (training/family.sh → src/data/scaling-family.json)
 * meet what the scaling chapter promises: at least 4 sizes spanning 30× in non-embedding
 * parameters, each at 2 or more token budgets, on the same data and tokenizer, with the exact
 * settings of every run; and the in-browser fit explains them.
 */
import { describe, expect, it } from 'vitest';
import family from '../../../src/data/scaling-family.json';
import { measuredExport, POOR_RESIDUAL } from '../../../src/diagrams/scaling-measured/data';

describe('scaling family measurements', () => {
  const runs = family.runs;

  it('span at least 4 sizes and 30× in non-embedding parameters, each at ≥ 2 token budgets', () => {
    const sizes = new Map<number, Set<number>>();
    for (const r of runs) sizes.set(r.non_embedding_params, (sizes.get(r.non_embedding_params) ?? new Set()).add(r.tokens));
    expect(sizes.size).toBeGreaterThanOrEqual(4);
    const ns = [...sizes.keys()];
    expect(Math.max(...ns) / Math.min(...ns)).toBeGreaterThanOrEqual(30);
    for (const budgets of sizes.values()) expect(budgets.size).toBeGreaterThanOrEqual(2);
  });

  it('record each run’s exact settings, consistent with its shape and token count', () => {
    for (const r of runs) {
      expect(r.tokens).toBe(r.steps * r.batch * r.seq_len);
      const d = r.n_embd;
      // GPT-2 block: 12·d² weights + 13·d biases and LayerNorm parameters per layer, plus ln_f (2·d).
      expect(r.non_embedding_params).toBe(r.n_layer * (12 * d * d + 13 * d) + 2 * d);
      expect(r.params - r.non_embedding_params).toBe((family.vocab + family.seq_len) * d);
      expect(r.seq_len).toBe(family.seq_len);
      for (const k of ['lr', 'warmup', 'weight_decay', 'seed', 'seconds'] as const) expect(r[k]).toBeGreaterThanOrEqual(0);
      for (const v of [r.val.gutenberg, r.val.brown]) {
        expect(v.loss).toBeGreaterThan(0);
        expect(v.bpb).toBeGreaterThan(0);
      }
    }
  });

  it('are fitted by the in-browser law to within 0.1 nats per token RMS, and any worse point is named to the reader', () => {
    const x = measuredExport(family, { val: 'gutenberg', params: 'non-embedding' } as Parameters<typeof measuredExport>[1]);
    expect(x.source).toBe('measured');
    expect(x.fit).not.toBeNull();
    const residuals = x.points.map((p) => p.residual ?? Infinity);
    const rms = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(rms).toBeLessThan(POOR_RESIDUAL);
    const worst = x.points.reduce((a, b) => (Math.abs(b.residual!) > Math.abs(a.residual!) ? b : a));
    if (Math.abs(worst.residual!) > POOR_RESIDUAL) expect(x.caveats.join(' ')).toContain(worst.id);
    // A fit whose floor E sits at its bound (0) cannot tell E from the exponents: the reader is told.
    for (const params of ['total', 'non-embedding'] as const) {
      const y = measuredExport(family, { val: 'gutenberg', params } as Parameters<typeof measuredExport>[1]);
      if (y.fit?.E === 0) expect(y.caveats.join(' ')).toMatch(/irreducible loss E fitted to its bound/);
    }
  });
});
