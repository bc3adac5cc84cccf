// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { decimalYear, timelineExport, valueText, type TimelineFile } from '../../../src/diagrams/model-timeline/data';
import { render } from '../../../src/diagrams/model-timeline/render';
import { OWN_MODEL } from '../../../src/diagrams/model-timeline/build';
import { ARCH } from '../../../src/model/architecture';
import file from '../../../src/data/model-timeline.json' with { type: 'json' };

const FILE = file as TimelineFile;
const OWN = { id: 'tiny', params: 4.3e6, tokens: 2.05e7, context: 256 };

afterEach(() => document.body.replaceChildren());

describe('model-timeline data', () => {
  it('sorts the cited models by date and appends ours with its own sources', () => {
    const x = timelineExport(FILE, OWN, { y: 'params', highlight: 'gpt-3' });
    const years = x.rows.map((r) => r.year);
    expect(years.slice(0, -1)).toEqual([...years.slice(0, -1)].sort((a, b) => a - b));
    expect(x.rows.at(-1)).toMatchObject({ id: 'ours', ours: true, params: { value: 4.3e6 } });
    expect(x.rows.at(-1)?.params.source.paper).toBe('this site');
    expect(decimalYear('2020-05')).toBeCloseTo(2020 + 4 / 12, 12);
  });

  it('our model’s size comes from models.json and the training log, not typed by hand', () => {
    expect(OWN_MODEL.params).toBe(ARCH.params);
    expect(OWN_MODEL.context).toBe(ARCH.context);
    expect(OWN_MODEL.tokens).toBeGreaterThan(1e6);
  });

  it('the summary spans the first model to the largest and says what is not published', () => {
    const x = timelineExport(FILE, OWN, { y: 'params', highlight: 'none' });
    expect(x.summary).toMatch(/^Parameters: from 117 M for GPT-1 to 1\.7 T \(estimate\) for GPT-4; ours has 4\.3 M, about 395 k times fewer than GPT-4\./);
    const tokens = timelineExport(FILE, OWN, { y: 'tokens', highlight: 'none' });
    expect(tokens.summary).toContain('Not published, so not drawn: GPT-1, GPT-2, InstructGPT (GPT-3.5 line), Mistral 7B.');
    expect(valueText({ value: null, source: { paper: 'x', location: 'y' } })).toBe('not published');
  });
});

describe('model-timeline render', () => {
  it('draws every model with a value, estimates hollow and dashed, ours a diamond, the highlight ringed', () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(root, timelineExport(FILE, OWN, { y: 'params', highlight: 'gpt-4' }), { width: 360, reducedMotion: true });
    const marks = [...root.querySelectorAll('[data-model]')];
    expect(marks).toHaveLength(FILE.rows.length + 1);
    const gpt4 = root.querySelector('[data-model="gpt-4"]')!;
    expect(gpt4.getAttribute('data-estimate')).toBe('true');
    expect(gpt4.querySelector('circle')?.getAttribute('fill')).toBe('none');
    expect(gpt4.querySelector('.gb-mt-ring')).not.toBeNull();
    expect(root.querySelector('[data-label="gpt-4"]')?.textContent).toBe('GPT-4: 1.7 T (estimate)');
    expect(root.querySelector('[data-model="ours"] path')?.getAttribute('fill')).toBe('#D55E00');
    expect(root.querySelector('.gb-mt-focus')?.textContent).toMatch(/^GPT-4 \(OpenAI, 2023-03\): 1\.7 T \(estimate\) parameters/);
    // Labels stay inside the 360 px chart: right-half points are labelled to their left.
    for (const t of root.querySelectorAll('[data-label]')) {
      const xAttr = Number(t.getAttribute('x'));
      expect(t.getAttribute('text-anchor') === 'end' ? xAttr > 150 : xAttr < 210).toBe(true);
    }
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(FILE.rows.length + 1);
    expect(rows.find((r) => r.textContent?.startsWith('GPT-4'))?.textContent).toContain('Outside estimate, not OpenAI');
  });

  it('tokens: models without a published count are left out of the chart but stay in the table', () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(root, timelineExport(FILE, OWN, { y: 'tokens', highlight: 'none' }), { width: 640, reducedMotion: true });
    expect(root.querySelector('[data-model="gpt-2"]')).toBeNull();
    expect(root.querySelectorAll('tbody tr')).toHaveLength(FILE.rows.length + 1);
    expect(root.querySelector('.gb-mt-ring')).toBeNull();
  });
});
