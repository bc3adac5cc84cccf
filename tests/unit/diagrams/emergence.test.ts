// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { emergenceExport, PF_DAY, type EmergenceFile, type OwnRun } from '../../../src/diagrams/emergence/data';
import { render } from '../../../src/diagrams/emergence/render';
import file from '../../../src/data/emergence.json' with { type: 'json' };

const FILE = file as EmergenceFile;
const OWN: OwnRun[] = [
  { id: 'shipped', params: 4e6, tokens: 2e7, shipped: true },
  { id: 'tiny', params: 5e5, tokens: 2e5, shipped: false },
];
const mount = () => {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
};

afterEach(() => document.body.replaceChildren());

describe('emergence data', () => {
  it('arithmetic: x is GPT-3’s compute from Table D.1 and y the exact match as filed', () => {
    const x = emergenceExport(FILE, OWN, { panel: 'arithmetic', task: 'add3', metric: 'exact' });
    const pts = x.series[0].points;
    expect(pts).toHaveLength(8);
    expect(pts[7]).toMatchObject({ label: 'GPT-3 175B', y: 80.2, approximate: false });
    expect(pts[7].x).toBeCloseTo(3640 * PF_DAY, -18);
    expect(pts[7].x / 3.14e23).toBeCloseTo(1, 2);
    expect(pts[0].approximate).toBe(true);
    expect(pts[7].source).toMatch(/^Brown et al\. 2020, §3\.9\.1 text and Table 3\.9 .*; compute: Brown et al\. 2020, Table D\.1/);
    expect(x.ours).toEqual([]);
    expect(x.notes.join(' ')).toContain('our shipped model’s compute is 5.7 orders of magnitude below GPT-3 Small’s');
  });

  it('per-token: p = EM^(1/L), the same numbers seen digit by digit, rising more gently', () => {
    const em = emergenceExport(FILE, OWN, { panel: 'arithmetic', task: 'add4', metric: 'exact' }).series[0].points;
    const pt = emergenceExport(FILE, OWN, { panel: 'arithmetic', task: 'add4', metric: 'per-token' }).series[0].points;
    for (const [i, p] of pt.entries()) expect(p.y).toBeCloseTo(100 * (em[i].y / 100) ** (1 / 5), 10);
    // From the smallest to the largest model: exact match grows ×255, per digit only ×3.
    expect(em[7].y / em[0].y).toBeGreaterThan(100);
    expect(pt[7].y / pt[0].y).toBeLessThan(4);
    expect(emergenceExport(FILE, OWN, { panel: 'arithmetic', task: 'add4', metric: 'per-token' }).sources.some((s) => s.startsWith('Schaeffer et al. 2023'))).toBe(true);
  });

  it('thresholds: Wei et al.’s Table 1 sorted by compute, our runs as 6·N·D', () => {
    const x = emergenceExport(FILE, OWN, { panel: 'thresholds', task: 'add3', metric: 'exact' });
    const xs = x.series[0].points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBe(1.3e22);
    expect(x.ours).toEqual([
      { label: 'our family: tiny', x: 6 * 5e5 * 2e5, shipped: false },
      { label: 'our model (shipped)', x: 6 * 4e6 * 2e7, shipped: true },
    ]);
    expect(x.summary).toContain('trained with 4.8 × 10¹⁴ FLOPs (6·N·D)');
    expect(x.summary).toContain('between 1.3 × 10²² and 2.5 × 10²⁴ training FLOPs');
    expect(x.summary).toMatch(/about 7\.4 orders of magnitude below/);
  });

  it('gsm8k: standard and chain of thought per family; the summary counts the small models that lost', () => {
    const x = emergenceExport(FILE, OWN, { panel: 'gsm8k', task: 'add3', metric: 'exact' });
    expect(x.series.map((s) => s.key)).toEqual(['LaMDA-standard', 'LaMDA-cot', 'GPT-standard', 'GPT-cot', 'PaLM-standard', 'PaLM-cot']);
    const palm = x.series.find((s) => s.key === 'PaLM-cot')!;
    expect(palm.points.at(-1)).toMatchObject({ x: 5.4e11, y: 56.9 });
    const small = FILE.gsm8k.rows.filter((r) => r.params < 1e10);
    const worse = small.filter((r) => r.cot < r.standard).length;
    expect(x.summary).toContain(`for ${worse === small.length ? 'all' : `${worse} of the`} ${small.length} models under 10 B parameters`);
    expect(x.summary).toContain('PaLM 540B goes from 17.9% to 56.9%');
  });
});

describe('emergence render', () => {
  it('draws one line per series, hollow points for read-off values, a legend and a cited table', () => {
    const root = mount();
    const x = emergenceExport(FILE, OWN, { panel: 'arithmetic', task: 'mul2', metric: 'exact' });
    render(root, x, { width: 640, reducedMotion: true });
    expect(root.querySelectorAll('[data-series]')).toHaveLength(1);
    const circles = [...root.querySelectorAll('circle[data-point]')];
    expect(circles).toHaveLength(8);
    expect(circles.filter((c) => c.getAttribute('fill') === 'none')).toHaveLength(7);
    expect(root.querySelector('.gb-em-notes')?.textContent).toContain('Hollow points were read off a figure');
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(8);
    expect(rows[7].slice(1, 5)).toEqual(['GPT-3 175B', '3.14e+23 FLOPs', '29.2%', 'printed']);
  });

  it('thresholds: one row per ability, our runs as diamonds (the shipped one filled), x ticks fit at 320 px', () => {
    const root = mount();
    render(root, emergenceExport(FILE, OWN, { panel: 'thresholds', task: 'add3', metric: 'exact' }), { width: 320, reducedMotion: true });
    expect(root.querySelectorAll('circle[data-point]')).toHaveLength(FILE.thresholds.rows.length);
    const ours = [...root.querySelectorAll('path[data-ours]')];
    expect(ours.map((p) => p.getAttribute('fill'))).toEqual(['none', '#D55E00']);
    const svg = root.querySelector('svg')!;
    expect(Number(svg.getAttribute('width'))).toBe(320);
    const ticks = [...svg.querySelectorAll('.gb-em-axes text')].filter((t) => /^10/.test(t.textContent ?? ''));
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(root.querySelectorAll('tbody tr.gb-em-ours')).toHaveLength(2);
  });
});
