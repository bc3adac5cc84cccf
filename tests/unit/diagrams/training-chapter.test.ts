// @vitest-environment jsdom
/** The training chapter's views: the loss curve's export is the shipped log, the compute table's arithmetic and citations, the live run's chart. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView as lossView, SOURCE } from '../../../src/diagrams/loss-curve/build';
import { curveExport, readoutAt } from '../../../src/diagrams/loss-curve/data';
import { render as renderLoss } from '../../../src/diagrams/loss-curve/render';
import { buildView as tableBuild } from '../../../src/diagrams/compute-table/build';
import { render as renderTrain } from '../../../src/diagrams/train-live/render';
import { readCatalogue } from '../../../src/model/node';
import { cleanup, mount } from './dom';

const def = readCatalogue().default;
const LOG = JSON.parse(readFileSync(`public/models/${def}/training-log.json`, 'utf8'));

afterEach(() => cleanup());

describe('loss-curve', () => {
  it('exports training-log.json exactly, for every state', () => {
    for (const state of [{ x: 'step', unit: 'nats', at: 0 }, { x: 'tokens', unit: 'bpb', at: 5000 }] as const) {
      expect(JSON.parse(JSON.stringify(lossView(state).data.log))).toEqual(LOG);
    }
  });

  it('reads out the logged point nearest the asked step, with a note when it moved', () => {
    const p = LOG.train[3];
    expect(readoutAt(SOURCE.log, p.step)).toMatchObject({ step: p.step, loss: p.loss, lr: p.lr, tokens: p.tokens });
    expect(readoutAt(SOURCE.log, 0)!.step).toBe(LOG.train.at(-1).step);
    expect(curveExport(SOURCE, { x: 'step', unit: 'nats', at: p.step + 1 }).note).toMatch(/not logged/);
  });

  it('draws one path per series, a dot per evaluation, and the held-out table', () => {
    const root = mount();
    renderLoss(root, curveExport(SOURCE, { x: 'step', unit: 'nats', at: 0 }), { reducedMotion: true, width: 640 });
    const keys = [...root.querySelectorAll('[data-series]')].map((g) => g.getAttribute('data-series'));
    expect(keys).toContain('train');
    expect(keys).toContain('lr');
    expect(root.querySelectorAll('[data-series^="val_"] circle').length).toBe(LOG.val.length * Object.keys(LOG.val[0]).filter((k) => k.startsWith('val_')).length);
    expect(root.querySelectorAll('tbody tr').length).toBe(LOG.val.length);
    expect(root.querySelector('.gb-lc-readout')!.textContent).toContain(`Step ${LOG.train.at(-1).step.toLocaleString('en-US')}`);
  });

  it('in bits per byte draws only the held-out sets (the log has no byte count for training batches)', () => {
    const root = mount();
    renderLoss(root, curveExport(SOURCE, { x: 'step', unit: 'bpb', at: 0 }), { reducedMotion: true });
    expect(root.querySelector('[data-series="train"]')).toBeNull();
  });
});

describe('compute-table', () => {
  const d = tableBuild({ gpu: 'a100', mfu: 0.4 }).data;

  it('computes C = 6·N·D wherever N and D are published, and cites every row', () => {
    for (const r of d.rows) {
      if (r.N !== null && r.D !== null) expect(r.sixND).toBeCloseTo(6 * r.N * r.D, -10);
      else expect(r.sixND).toBeNull();
      expect(r.source.length).toBeGreaterThan(10);
    }
    expect(d.rows.map((r) => r.name.split(' (')[0])).toEqual(['GPT-2', 'GPT-3', 'Llama 2 70B', 'GPT-4', def]);
  });

  it('takes our row from the training log: params × tokens at the last step, and the measured seconds', () => {
    const ours = d.rows.at(-1)!;
    expect(ours.N).toBe(LOG.params);
    expect(ours.D).toBe(LOG.train.at(-1).tokens);
    expect(d.ownFlopsPerSecond).toBeCloseTo((6 * LOG.params * LOG.train.at(-1).tokens) / LOG.seconds, 0);
    expect(ours.gpuDays).toBeCloseTo((6 * LOG.params * LOG.train.at(-1).tokens) / (312e12 * 0.4) / 86400, 12);
  });
});

describe('train-live view', () => {
  it('draws the loss as one path and the newest samples first', () => {
    const root = mount();
    const losses = Array.from({ length: 250 }, (_, i) => 3.5 - i / 100);
    renderTrain(root, { vocab: 30, initial: 3.4, losses, samples: [{ step: 100, text: 'aaa' }, { step: 200, text: 'the' }], running: false }, { reducedMotion: true });
    expect(root.querySelectorAll('[data-series="loss"] path').length).toBe(1);
    expect([...root.querySelectorAll('.gb-tl-samples li')].map((li) => li.textContent)).toEqual(['step 200: the', 'step 100: aaa']);
  });
});
