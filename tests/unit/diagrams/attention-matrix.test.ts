// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../../src/diagrams/attention-matrix/render';
import type { AttentionView } from '../../../src/diagrams/kit/attention/view';
import { fixture, key, mount, pointer } from './attention-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

const cells = (root: Element) => [...root.querySelectorAll<SVGRectElement>('.gb-am-cells rect')];
const readout = (root: Element) => root.querySelector('.gb-am-readout')?.textContent;

describe('attention-matrix render', () => {

  it('draws one cell per visible weight, opacity ∝ weight, and the upper triangle as masked', () => {
    const root = mount();
    render(root, fixture, { query: 3, width: 480, reducedMotion: true });
    const cs = cells(root);
    expect(cs).toHaveLength(10); // T(T+1)/2 for T = 4
    expect(cs.map((c) => `${c.getAttribute('data-q')},${c.getAttribute('data-k')}`)).toEqual([
      '1,1',
      '2,1',
      '2,2',
      '3,1',
      '3,2',
      '3,3',
      '4,1',
      '4,2',
      '4,3',
      '4,4',
    ]);
    const op = cs.map((c) => Number(c.getAttribute('fill-opacity')));
    expect(op[0]).toBe(1);
    expect(op[7]).toBeGreaterThan(op[8]); // 0.6 > 0.2
    const mask = root.querySelector('path.gb-am-mask');
    expect(mask?.getAttribute('d')).toMatch(/^M.*Z$/);
    expect(mask?.getAttribute('fill')).toMatch(/^url\(#gb-am-hatch-p\d+\)$/);
    expect(root.querySelector(mask!.getAttribute('fill')!.slice(4, -1))?.tagName).toBe('pattern');
    expect(mask?.querySelector('title')?.textContent).toMatch(/cannot attend to later tokens/);
    expect(root.querySelector('.gb-am-legend')?.textContent).toContain('masked');
  });

  it('labels both axes with the tokens and outlines the selected query row', () => {
    const root = mount();
    const chart = render(root, fixture, { query: 2, width: 480, reducedMotion: true });
    expect([...root.querySelectorAll('.gb-am-k')].map((t) => t.textContent)).toEqual(['The', '␣cat', '␣sat', '␣it']);
    expect([...root.querySelectorAll('[data-token] text')].map((t) => t.textContent)).toEqual(['The', '␣cat', '␣sat', '␣it']);
    const row = root.querySelector('.gb-am-row')!;
    const cell = cells(root).find((c) => c.getAttribute('data-q') === '3' && c.getAttribute('data-k') === '1')!;
    expect(row.getAttribute('y')).toBe(cell.getAttribute('y'));
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-token')).toBe('3');
    const before = cells(root);
    chart.update(fixture, { query: 0 });
    expect(cells(root)).toEqual(before); // selecting a row moves an outline, not the cells
    const at = (q: number, k: number) =>
      cells(root).find((c) => c.getAttribute('data-q') === `${q}` && c.getAttribute('data-k') === `${k}`)!;
    const pitch = Number(at(2, 2).getAttribute('x')) - Number(at(2, 1).getAttribute('x'));
    expect(row.getAttribute('y')).toBe(at(1, 1).getAttribute('y'));
    expect(Number(row.getAttribute('width'))).toBe(pitch);
  });

  it('reads out the exact weight of a hovered cell and selects its row on click', () => {
    const root = mount();
    const onSelect = vi.fn();
    render(root, fixture, { query: 3, reducedMotion: true, onSelect });
    expect(readout(root)).toMatch(/^Hover a cell/);
    const cell = cells(root).find((c) => c.getAttribute('data-q') === '3' && c.getAttribute('data-k') === '3')!;
    cell.dispatchEvent(pointer('pointerover'));
    expect(readout(root)).toBe('Query 3 “␣sat” → key 3 “␣sat”: 0.375000 (37.5%)');
    expect(root.querySelector('.gb-am-cursor')?.getAttribute('visibility')).toBeNull();
    cell.dispatchEvent(pointer('click'));
    expect(onSelect).toHaveBeenCalledWith(2);
  });

  it('is operable by keyboard: ↑ ↓ pick the query, ← → read each key', () => {
    const root = mount();
    const onSelect = vi.fn((q: number) => chart.update(fixture, { query: q }));
    const chart = render(root, fixture, { query: 3, reducedMotion: true, onSelect });
    const q4 = root.querySelector<SVGGElement>('[data-token="4"]')!;
    q4.focus();
    q4.dispatchEvent(key('ArrowLeft'));
    expect(readout(root)).toBe('Query 4 “␣it” → key 4 “␣it”: 0.100000 (10.0%)');
    q4.dispatchEvent(key('ArrowLeft'));
    expect(readout(root)).toBe('Query 4 “␣it” → key 3 “␣sat”: 0.200000 (20.0%)');
    q4.dispatchEvent(key('ArrowRight'));
    q4.dispatchEvent(key('ArrowRight')); // stops at the diagonal: later keys are masked
    expect(readout(root)).toMatch(/key 4/);
    q4.dispatchEvent(key('ArrowUp'));
    expect(onSelect).toHaveBeenLastCalledWith(2);
    expect(document.activeElement?.getAttribute('data-token')).toBe('3');
  });

  it('labels every n-th token on a long text, always including the selected one', () => {
    const T = 100;
    const weights = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) weights[i * T + j] = 1 / (i + 1);
    const long: AttentionView = { ...fixture, tokens: Array.from({ length: T }, (_, i) => ({ id: i, text: ` w${i}` })), weights };
    const root = mount();
    render(root, long, { query: 41, width: 480, reducedMotion: true });
    expect(cells(root)).toHaveLength((T * (T + 1)) / 2);
    const labels = [...root.querySelectorAll('[data-token] text')].map((t) => t.textContent);
    expect(labels.filter(Boolean).length).toBeLessThan(T / 2);
    expect(labels[41]).toBe('␣w41');
    expect(root.querySelectorAll('[data-token]')).toHaveLength(T); // every row is still a target
  });

  it('shows hostile token text as text, handles no tokens, and destroy() cleans up', () => {
    const root = mount();
    const chart = render(
      root,
      {
        ...fixture,
        tokens: [
          { id: 1, text: '<img src=x onerror=alert(1)>' },
          { id: 2, text: '</text><script>' },
        ],
        weights: [1, 0, 0.5, 0.5],
      },
      { query: 1, reducedMotion: true },
    );
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('[data-token="1"]')?.getAttribute('aria-label')).toBe('Query 1 of 2: <img␣src=x␣onerror=alert(1)>');
    chart.update({ ...fixture, tokens: [], weights: [] });
    expect(cells(root)).toHaveLength(0);
    expect(root.querySelector('.gb-att-summary')?.textContent).toMatch(/no text/);
    chart.destroy();
    expect(root.childNodes).toHaveLength(0);
  });
});
