// @vitest-environment jsdom
/** The masks view: three grids drawn from the precomputed example, their masks, keys and tables. */
import { afterEach, describe, expect, it } from 'vitest';
import example from '../../../src/data/examples/attention-masks.json';
import { exportBody, fromExample, masksData, START, type MasksExample } from '../../../src/diagrams/attention-masks/data';
import { render } from '../../../src/diagrams/attention-masks/render';
import { laterShare } from '../../../src/diagrams/attention-masks/text';
import { cleanup, mount } from './dom';

afterEach(() => cleanup());

const ex = example as MasksExample;
const state = { text: ex.text, kind: 'decoder', layer: 1, head: 1 };
const grid = (root: Element, id: string) => root.querySelector(`[data-grid="${id}"]`) as HTMLElement;
const count = (root: Element, id: string, cls: string) => grid(root, id).querySelectorAll(`.gb-mk-cells rect.${cls}`).length;

describe('attention-masks data', () => {
  it('cuts the picked head: decoder rows sum to 1 with an exactly-zero upper triangle; cross rows sum to 1', () => {
    const d = masksData(fromExample(ex), { ...state, layer: 3, head: 2 });
    const dec = d.panels[1].grids[0].weights!;
    expect(dec.length).toBe(ex.decoder.tokens.length);
    dec.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      for (let j = i + 1; j < row.length; j++) expect(row[j]).toBe(0);
    });
    expect(dec).toEqual(ex.decoder.attentions[2][1]);
    const cross = d.panels[2].grids[1].weights!;
    for (const row of cross) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(d.panels[2].grids[0].rows[0]).toEqual(START);
  });

  it('clamps the encoder-decoder to its 2 layers and 4 heads and says so', () => {
    const d = masksData(fromExample(ex), { ...state, layer: 6, head: 6 });
    expect(d.panels[2]).toMatchObject({ layer: 2, head: 4, clamped: true });
    expect(d.panels[1]).toMatchObject({ layer: 6, head: 6, clamped: false });
    expect(d.panels[2].grids[1].weights).toEqual(ex.encdec.cross[1][3]);
  });

  it('exports the models, tokens and the rows shown per kind', () => {
    const body = exportBody(masksData(fromExample(ex), state));
    expect(body.models.decoder).toEqual(ex.decoder.model);
    expect(body.models.encdec).toEqual(ex.encdec.model);
    expect(body.tokens.decoder.map((t) => t.text).join('')).toBe(ex.text);
    expect(body.tokens.encdec.output[0].text).toBe('<start>');
    expect(body.attention.decoder).toEqual(ex.decoder.attentions[0][0]);
    if (!ex.encoder) expect(body.attention.encoder).toBeNull();
  });

  it('measures the weight above the diagonal', () => {
    expect(laterShare([[0.5, 0.5], [0, 1]])).toBeCloseTo(0.25);
    expect(laterShare([[1, 0], [0.5, 0.5]])).toBe(0);
  });
});

describe('attention-masks render', () => {
  it('hatches the causal upper triangles and nothing in the fully visible grids', () => {
    const root = mount();
    render(root, masksData(fromExample(ex), state), { width: 1000 });
    const T = ex.decoder.tokens.length;
    expect(count(root, 'decoder', 'gb-mk-masked')).toBe((T * (T - 1)) / 2);
    expect(count(root, 'decoder', 'gb-mk-cell')).toBe((T * (T + 1)) / 2);
    const O = ex.encdec.output.length + 1;
    expect(count(root, 'self', 'gb-mk-masked')).toBe((O * (O - 1)) / 2);
    expect(count(root, 'cross', 'gb-mk-masked')).toBe(0);
    expect(count(root, 'cross', 'gb-mk-cell')).toBe(O * ex.encdec.source.length);
    expect(count(root, 'encoder', 'gb-mk-masked')).toBe(0);
    if (!ex.encoder) {
      expect(count(root, 'encoder', 'gb-mk-open')).toBe(T * T);
      expect(root.querySelector('[data-kind="encoder"] .gb-mk-meta')?.textContent).toMatch(/not available/);
    }
    expect(root.querySelector('[data-kind="encdec"]')?.textContent).toMatch(/trained only to rewrite dates/);
  });

  it('marks one grid for "Download image", the picked kind\'s first, each grid holding its own hatch', () => {
    const root = mount();
    render(root, masksData(fromExample(ex), { ...state, kind: 'encdec' }), { width: 1000 });
    const marked = root.querySelectorAll('svg[data-export="svg"]');
    expect(marked).toHaveLength(1);
    expect(marked[0].closest('[data-grid]')?.getAttribute('data-grid')).toBe('self');
    for (const svg of root.querySelectorAll('svg.gb-mk-svg')) {
      const fills = new Set([...svg.querySelectorAll('rect.gb-mk-masked')].map((r) => r.getAttribute('fill')));
      for (const f of fills) expect(svg.querySelector(`pattern[id="${f!.slice(5, -1)}"]`), f!).not.toBeNull();
    }
  });

  it('on a phone shows the picked kind and folds the others behind a button', () => {
    const root = mount();
    const picked: string[] = [];
    render(root, masksData(fromExample(ex), { ...state, kind: 'encdec' }), { width: 360, onKind: (k) => picked.push(k) });
    expect(root.querySelectorAll('.gb-mk-panels.is-wide')).toHaveLength(0);
    expect(grid(root, 'cross')).not.toBeNull();
    expect(grid(root, 'decoder')).toBeNull();
    const button = root.querySelector('button.gb-mk-expand[data-kind="decoder"]') as HTMLButtonElement;
    expect(button.textContent).toBe('Show the decoder');
    button.click();
    expect(picked).toEqual(['decoder']);
  });

  it('row labels carry 1-based data-token; keys move the query and its summary, hovering a cell reads it', () => {
    const root = mount();
    render(root, masksData(fromExample(ex), state), { width: 1000 });
    const g = grid(root, 'decoder');
    const rows = [...g.querySelectorAll('.gb-mk-q')];
    expect(rows.map((r) => r.getAttribute('data-token'))).toEqual(ex.decoder.tokens.map((_, i) => String(i + 1)));
    const last = rows[rows.length - 1];
    expect(last.getAttribute('aria-selected')).toBe('true');
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    expect(rows[0].getAttribute('aria-selected')).toBe('true');
    expect(g.querySelector('.gb-mk-summary')?.textContent).toMatch(/row 1\) attends most to .* at 100\.0%/);
    const cell = g.querySelector('.gb-mk-cells rect[data-q="1"][data-k="2"]')!;
    cell.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(root.querySelector('.gb-mk-readout')?.textContent).toMatch(/masked/);
  });

  it('tables every grid, masked cells named, with the weights as percentages', () => {
    const root = mount();
    render(root, masksData(fromExample(ex), state), { width: 1000 });
    const table = grid(root, 'decoder').querySelector('table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(ex.decoder.tokens.length);
    expect(table.querySelector('tbody tr td')?.textContent).toBe('100.0%');
    expect(table.querySelectorAll('tbody tr')[0].querySelectorAll('td')[1].textContent).toBe('masked');
  });
});
