// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type AttentionView } from '../../../src/diagrams/attention/render';
import { summarize } from '../../../src/diagrams/kit/attention/view';
import { fixture, key, mount, pointer } from './attention-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

const lines = (root: Element) => [...root.querySelectorAll<SVGLineElement>('line.gb-att-line')];
const token = (root: Element, n: number) => root.querySelector<SVGGElement>(`[data-token="${n}"]`)!;

/** A chart wired like the live element: a selection redraws at once. */
function live(root: HTMLElement, data: AttentionView = fixture, query = 3) {
  const onSelect = vi.fn((q: number) => chart.update(data, { query: q }));
  const chart = render(root, data, { query, reducedMotion: true, width: 480, onSelect });
  return { chart, onSelect };
}

describe('attention render', () => {

  it('draws a line to every key the query can see, stroke width ∝ weight, none to later keys', () => {
    const root = mount();
    const chart = render(root, fixture, { query: 2, reducedMotion: true });
    const ls = lines(root);
    expect(ls).toHaveLength(4);
    expect(ls.map((l) => Number(l.getAttribute('data-w')))).toEqual([0.5, 0.125, 0.375, 0]);
    expect(ls.map((l) => l.getAttribute('visibility'))).toEqual([null, null, null, 'hidden']);
    expect(ls.map((l) => Number(l.getAttribute('stroke-width')))).toEqual([5, 1.25, 3.75, 0]);
    expect(Number(ls[0].getAttribute('stroke-opacity'))).toBe(1); // the strongest key
    chart.update(fixture, { query: 3 });
    expect(lines(root).map((l) => l.getAttribute('visibility'))).toEqual([null, null, null, null]);
    expect(root.querySelector('[data-key="4"].gb-att-key')?.classList.contains('is-query')).toBe(true);
    expect(root.querySelector('[data-key="4"].gb-att-key')?.classList.contains('is-masked')).toBe(false);
  });

  it('labels the three strongest keys as percentages', () => {
    const root = mount();
    render(root, fixture, { query: 3, reducedMotion: true });
    const pcts = [...root.querySelectorAll('.gb-att-pct')].map((t) => [t.getAttribute('data-key'), t.textContent]);
    expect(pcts).toEqual([
      ['2', '60.0%'],
      ['3', '20.0%'],
      ['1', '10.0%'],
    ]);
  });

  it('marks the selected query for sight, keyboard and screen readers', () => {
    const root = mount();
    render(root, fixture, { query: 1, reducedMotion: true });
    const qs = [...root.querySelectorAll('[data-token]')];
    expect(qs.map((q) => q.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false']);
    expect(qs.map((q) => q.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1']);
    expect(qs[1].classList.contains('is-selected')).toBe(true);
    expect(qs[1].getAttribute('role')).toBe('option');
    expect(root.querySelector('[role="listbox"]')?.getAttribute('aria-label')).toMatch(/arrow keys/);
    expect([...root.querySelectorAll('.gb-att-key.is-masked')].map((k) => k.getAttribute('data-key'))).toEqual(['3', '4']);
  });

  it('has a text alternative: a one-line summary and a table of the weights', () => {
    const root = mount();
    render(root, fixture, { query: 3, reducedMotion: true });
    expect(root.querySelector('.gb-att-summary')?.textContent).toBe(
      'Layer 2, head 3: “␣it” (token 4) attends most to “␣cat” (token 2) at 60.0%, then “␣sat” (token 3) at 20.0%.',
    );
    const cells = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(cells).toEqual([
      ['1', 'The', '513', '10.0%'],
      ['2', '␣cat', '3241', '60.0%'],
      ['3', '␣sat', '1056', '20.0%'],
      ['4', '␣it', '327', '10.0%'],
    ]);
    expect(summarize(fixture, 0)).toBe('Layer 2, head 3: “The” (token 1) is the first token, so it can only attend to itself (100.0%).');
  });

  it('selects on hover and tap, not on a touch pointer passing over', () => {
    const root = mount();
    const { onSelect } = live(root);
    token(root, 2).dispatchEvent(pointer('pointerover'));
    expect(onSelect).toHaveBeenLastCalledWith(1);
    expect(token(root, 2).getAttribute('aria-selected')).toBe('true');
    token(root, 1).dispatchEvent(pointer('pointerover', 'touch'));
    expect(onSelect).toHaveBeenCalledTimes(1);
    token(root, 1).dispatchEvent(pointer('click', 'touch'));
    expect(onSelect).toHaveBeenLastCalledWith(0);
    token(root, 1).dispatchEvent(pointer('pointerover'));
    expect(onSelect).toHaveBeenCalledTimes(2); // already selected: no redraw
  });

  it('moves with the arrow keys, Home and End, and keeps focus on the selected token', () => {
    const root = mount();
    const { onSelect } = live(root, fixture, 3);
    token(root, 4).focus();
    token(root, 4).dispatchEvent(key('ArrowLeft'));
    expect(onSelect).toHaveBeenLastCalledWith(2);
    expect(document.activeElement).toBe(token(root, 3));
    token(root, 3).dispatchEvent(key('Home'));
    expect(document.activeElement).toBe(token(root, 1));
    token(root, 1).dispatchEvent(key('ArrowUp'));
    expect(onSelect).toHaveBeenCalledTimes(2); // already at the first token
    token(root, 1).dispatchEvent(key('End'));
    token(root, 4).dispatchEvent(key('ArrowRight'));
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual([2, 0, 3]);
    const ev = key('ArrowDown');
    token(root, 4).dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true); // the page does not scroll instead
  });

  it('updates attributes in place on a new query, and lays out again for new data', () => {
    const root = mount();
    const chart = render(root, fixture, { query: 3, reducedMotion: true });
    const before = lines(root);
    const svg = root.querySelector('svg');
    chart.update(fixture, { query: 0 });
    expect(lines(root)).toEqual(before); // same nodes
    expect(root.querySelector('svg')).toBe(svg);
    expect(lines(root).filter((l) => l.getAttribute('visibility') !== 'hidden')).toHaveLength(1);
    const longer: AttentionView = {
      ...fixture,
      tokens: [...fixture.tokens, { id: 9, text: ' was' }],
      weights: [1, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0.2, 0.2, 0.6, 0, 0, 0.1, 0.2, 0.3, 0.4, 0, 0.2, 0.2, 0.2, 0.2, 0.2],
    };
    chart.update(longer, { query: 9 }); // clamped to the last token
    expect(lines(root)).toHaveLength(5);
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-token')).toBe('5');
    expect(root.querySelector('svg')?.getAttribute('height')).toBe(String(26 + 5 * 26 + 4));
  });

  it('fits its width without scaling text, and never goes narrower than a phone', () => {
    const root = mount();
    const chart = render(root, fixture, { width: 900, reducedMotion: true });
    expect(root.querySelector('svg')?.getAttribute('width')).toBe('900');
    chart.update(fixture, { width: 100 });
    expect(root.querySelector('svg')?.getAttribute('width')).toBe('280');
    expect(root.querySelector('svg')?.getAttribute('font-size')).toBe('14');
    expect(root.querySelector('svg')?.getAttribute('data-motion')).toBe('off');
    chart.update(fixture, { reducedMotion: false });
    expect(root.querySelector('svg')?.getAttribute('data-motion')).toBe('on');
  });

  it('destroy() empties root, stops listening and touches nothing outside it', () => {
    const sibling = document.createElement('p');
    sibling.textContent = 'outside';
    document.body.append(sibling);
    const root = mount();
    const onSelect = vi.fn();
    const chart = render(root, fixture, { onSelect });
    const t = token(root, 1);
    chart.destroy();
    t.dispatchEvent(pointer('pointerover'));
    expect(onSelect).not.toHaveBeenCalled();
    expect(root.childNodes).toHaveLength(0);
    expect(sibling.outerHTML).toBe('<p>outside</p>');
  });

  it('shows hostile token text as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const root = mount();
    render(
      root,
      {
        ...fixture,
        text: hostile,
        tokens: [
          { id: 1, text: hostile },
          { id: 2, text: '</text><script>alert(1)</script>' },
        ],
        weights: [1, 0, 0.5, 0.5],
      },
      { query: 1, reducedMotion: true, width: 900 },
    );
    expect(root.querySelector('img, script')).toBeNull();
    expect(token(root, 1).textContent).toBe('<img␣src=x␣onerror=…'); // long labels are cut; the name is whole
    expect(token(root, 1).getAttribute('aria-label')).toBe('Token 1 of 2: <img␣src=x␣onerror=alert(1)>');
    expect(root.querySelector('tbody tr:nth-child(2) td:nth-child(2)')?.textContent).toBe('</text><script>alert(1)</script>');
    expect(root.querySelector('.gb-att-summary')?.textContent).toContain('“<img␣src=x␣onerror=alert(1)>” (token 1)');
  });

  it('handles a text with no tokens', () => {
    const root = mount();
    const chart = render(root, { ...fixture, tokens: [], weights: [] }, { reducedMotion: true });
    expect(lines(root)).toHaveLength(0);
    expect(root.querySelector('.gb-att-summary')?.textContent).toBe('Layer 2, head 3: there is no text, so there is nothing to attend to.');
    chart.update(fixture, { query: 0 });
    expect(lines(root)).toHaveLength(4);
  });
});
