import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMillions, loadModelCard, lossChart, parseCatalogue, parseTrainingLog } from '../../../src/lib/model-card';

const log = {
  train: [
    { step: 50, tokens: 200_000, loss: 7.5 },
    { step: 25, tokens: 100_000, loss: 8.9 },
  ],
  val: [{ step: 50, tokens: 200_000, val_brown: { loss: 7.8, bpb: 2.9 }, val_gutenberg: { loss: 7.6 } }],
};

describe('parseCatalogue', () => {
  it('returns the default entry', () => {
    const entry = parseCatalogue({ default: 'm', models: [{ id: 'x', dtype: 'fp32', bytes: 1 }, { id: 'm', dtype: 'q8', bytes: 2 }] });
    expect(entry).toMatchObject({ id: 'm', dtype: 'q8', bytes: 2 });
  });

  it('explains what is wrong instead of throwing', () => {
    expect(parseCatalogue([])).toMatch(/shape/);
    expect(parseCatalogue({ default: 'm', models: [] })).toMatch(/no model with that id/);
    expect(parseCatalogue({ default: '..', models: [{ id: '..', dtype: 'q8', bytes: 1 }] })).toMatch(/plain folder name/);
    expect(parseCatalogue({ default: 'm', models: [{ id: 'm' }] })).toMatch(/lacks/);
  });
});

describe('parseTrainingLog', () => {
  it('sorts points and collects every val_* set', () => {
    const parsed = parseTrainingLog(log);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.train.map((p) => p.step)).toEqual([25, 50]);
    expect(parsed.val[0].sets).toEqual({ val_brown: { loss: 7.8, bpb: 2.9 }, val_gutenberg: { loss: 7.6 } });
  });

  it('rejects logs with nothing to draw', () => {
    expect(parseTrainingLog({})).toMatch(/arrays/);
    expect(parseTrainingLog({ train: [{ step: 1 }], val: [] })).toMatch(/no usable points/);
  });
});

describe('lossChart', () => {
  it('maps points inside the plot area, lower loss lower on screen', () => {
    const parsed = parseTrainingLog(log);
    if (typeof parsed === 'string') throw new Error(parsed);
    const chart = lossChart(parsed, 480, 280);
    const [a, b] = chart.train!.points;
    expect(a.x).toBeLessThan(b.x);
    expect(a.y).toBeLessThan(b.y);
    for (const p of [...chart.train!.points, ...chart.val.flatMap((s) => s.points)]) {
      expect(p.x).toBeGreaterThanOrEqual(chart.plot.left);
      expect(p.x).toBeLessThanOrEqual(chart.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(chart.plot.top);
      expect(p.y).toBeLessThanOrEqual(chart.plot.bottom);
    }
    expect(chart.val.map((s) => s.label)).toEqual(['Held-out Brown Corpus', 'Held-out Gutenberg books']);
    expect(chart.xTicks[0].label).toBe('0');
  });

  it('formats token counts in millions', () => {
    expect(formatMillions(250_000)).toBe('0.25');
    expect(formatMillions(12_000_000)).toBe('12');
  });
});

describe('loadModelCard', () => {
  it('reports a missing catalogue, then loads a complete folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-card-'));
    const missing = loadModelCard(dir);
    expect(missing.ok).toBe(false);

    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'models.json'), JSON.stringify({ default: 'm', models: [{ id: 'm', dtype: 'q8', bytes: 5 }] }));
    writeFileSync(join(dir, 'm', 'MODEL.md'), '# m\n');
    const noLog = loadModelCard(dir);
    expect(noLog).toMatchObject({ ok: true, log: null, files: ['MODEL.md'] });

    writeFileSync(join(dir, 'm', 'training-log.json'), JSON.stringify(log));
    const full = loadModelCard(dir);
    expect(full.ok && full.log?.train.length).toBe(2);
  });
});
