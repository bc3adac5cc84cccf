// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { measuredExport } from '../../../src/diagrams/scaling-measured/data';
import { render, summarize } from '../../../src/diagrams/scaling-measured/render';
import { SYNTHETIC_LAW, syntheticFamily } from '../../fixtures/synthetic-family';
import { assertInDelta } from '../math/assert';

const LAW = SYNTHETIC_LAW;

afterEach(() => document.body.replaceChildren());

describe('scaling-measured data', () => {
  it('fits the synthetic family back to its law (total parameters)', () => {
    const x = measuredExport(syntheticFamily(), { val: 'gutenberg', params: 'total' });
    expect(x.source).toBe('measured');
    expect(x.points).toHaveLength(12);
    assertInDelta(x.fit?.alpha ?? 0, LAW.alpha, 1e-3);
    assertInDelta(x.fit?.beta ?? 0, LAW.beta, 1e-3);
    assertInDelta(x.fit?.E ?? 0, LAW.E, 1e-2);
    expect(Math.max(...x.points.map((p) => Math.abs(p.residual ?? 1)))).toBeLessThan(1e-4);
    expect(x.caveats).toEqual([]);
  });

  it('uses the chosen held-out set and parameter count', () => {
    const brown = measuredExport(syntheticFamily(), { val: 'brown', params: 'non-embedding' });
    expect(brown.points[0].loss).toBeCloseTo(measuredExport(syntheticFamily(), { val: 'gutenberg', params: 'total' }).points[0].loss + 0.2, 12);
    expect(brown.points[0].N).toBe(56_000);
  });

  it('says when two token budgets cannot pin down β', () => {
    const f = syntheticFamily();
    f.runs = f.runs.filter((r) => r.tokens !== 26_214_400);
    const x = measuredExport(f, { val: 'gutenberg', params: 'total' });
    expect(x.points).toHaveLength(8);
    expect(x.caveats[0]).toBe('Only 2 token budgets were measured, so the data exponent β rests on 2 points per model and is poorly determined.');
  });

  it('calls out a poor fit to the reader', () => {
    const x = measuredExport(syntheticFamily(0.15), { val: 'gutenberg', params: 'total' });
    expect(x.caveats.some((c) => c.startsWith('The fit is poor at'))).toBe(true);
  });

  it('says the measurements are missing without the file', () => {
    const x = measuredExport(null, { val: 'gutenberg', params: 'total' });
    expect(x.source).toBe('missing');
    expect(summarize(x)).toMatch(/not been committed/);
    const root = document.createElement('div');
    document.body.append(root);
    render(root, x, { reducedMotion: true });
    expect(root.textContent).toContain('Measurements not yet committed');
  });
});

describe('scaling-measured render', () => {
  it('draws every run, its residual, the fitted curves and Chinchilla’s shape, with tables', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const x = measuredExport(syntheticFamily(0.01), { val: 'gutenberg', params: 'total' });
    render(root, x, { width: 640, reducedMotion: true });
    expect(root.querySelectorAll('circle[data-run]')).toHaveLength(12);
    expect(root.querySelectorAll('rect[data-residual]')).toHaveLength(12);
    expect(root.querySelectorAll('.gb-sm-fits path')).toHaveLength(4);
    expect(root.querySelector('.gb-sm-chinchilla')?.getAttribute('d')).toMatch(/^M/);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(12 + 3);
    expect(rows.at(-2)).toEqual(['Hoffmann et al. 2022', '0.34', '0.28']);
    expect(summarize(x)).toMatch(/^Fitted to 12 runs on the gutenberg held-out text \(total parameters\): L = /);
  });
});
