// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../../src/diagrams/next-token-window/render';
import { clampPosition } from '../../../src/diagrams/kit/window/data';
import { emptyFixture, mount, windowFixture } from './next-token-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

const rows = (root: HTMLElement) => [...root.querySelectorAll<SVGGElement>('g.gb-ntw-row')];

describe('next-token-window data', () => {
  it('scores positions 2 … T with ranks from the logits', () => {
    const d = windowFixture();
    expect(d.positions.map((p) => [p.index, p.seen_tokens, p.target.text, p.rank, p.band])).toEqual([
      [2, 1, ' cat', 3, 'top10'],
      [3, 2, ' sat', 1, 'top1'],
      [4, 3, ' on', 12, 'top100'],
    ]);
    expect(d.positions[1].top[0]).toMatchObject({ id: 2, text: ' sat' });
    expect(d.mean_loss).toBeCloseTo(d.positions.reduce((a, p) => a + p.loss, 0) / 3, 12);
  });

  it('clamps the position into 2 … T, defaulting to the last', () => {
    const d = windowFixture();
    expect([1, 2, 4, 99, undefined, NaN].map((p) => clampPosition(d, p))).toEqual([2, 2, 4, 4, 4, 4]);
    expect(clampPosition(emptyFixture(1), 3)).toBeNull();
  });
});

describe('next-token-window render', () => {
  it('draws one row per position with data-token hooks, band colours and words', () => {
    const root = mount();
    render(root, windowFixture(), { position: 3, reducedMotion: true });
    const r = rows(root);
    expect(r.map((g) => g.getAttribute('data-token'))).toEqual(['2', '3', '4']);
    expect(r.map((g) => g.getAttribute('data-band'))).toEqual(['top10', 'top1', 'top100']);
    expect(r[0].querySelector('.gb-ntw-target')?.textContent).toBe('␣cat');
    expect(r[0].querySelector('.gb-ntw-seen')?.textContent).toBe('The');
    expect(r[2].querySelector('.gb-ntw-seen')?.textContent).toBe('The cat sat');
    expect(r[0].querySelector('.gb-ntw-score')?.textContent).toMatch(/^p \d+\.\d% · \d\.\d\d nats · rank 3 \(top 10\)$/);
    expect(r[0].querySelectorAll('.gb-ntw-guesses text')).toHaveLength(5);
    // The true token among the guesses is marked by weight and underline, not colour.
    const hit = [...r[1].querySelectorAll('.gb-ntw-guesses text')].filter((t) => t.getAttribute('text-decoration') === 'underline');
    expect(hit.map((t) => t.textContent)).toEqual([expect.stringMatching(/^1\. ␣sat /)]);
    expect(r[1].getAttribute('aria-selected')).toBe('true');
    expect(r.map((g) => g.getAttribute('tabindex'))).toEqual(['-1', '0', '-1']);
    expect(root.querySelectorAll('.gb-ntw-legend g')).toHaveLength(5);
    expect(root.querySelector('.gb-ntw-train')?.textContent).toMatch(/is what training lowers/);
    expect(root.querySelector('.gb-ntw-mean')?.textContent).toMatch(/^Mean loss \d\.\d\d nats \(\d\.\d\d bits\) per token; perplexity e\^loss = \d+\.\d$/);
  });

  it('has a text alternative: summary and one table row per position', () => {
    const root = mount();
    render(root, windowFixture(), { position: 2, reducedMotion: true });
    expect(root.querySelector('.gb-ntw-summary')?.textContent).toMatch(
      /^Token 2: After “The”, the model gave “␣cat” \d+\.\d%: a loss of \d\.\d\d nats, rank 3 \(top 10\)\. Over 3 guesses the mean loss is \d\.\d\d nats per token \(perplexity \d+\.\d\)\.$/,
    );
    const tr = [...root.querySelectorAll('tbody tr')];
    expect(tr).toHaveLength(3);
    expect([...tr[2].querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '4',
      '3',
      '␣on (id 3)',
      expect.stringMatching(/%$/),
      expect.stringMatching(/^\d\.\d{3}$/),
      '12 (top 100)',
      expect.stringMatching(/^The \d/),
    ]);
  });

  it('calls onSelect from arrow keys, Home/End, hover and tap, within 2 … T', () => {
    const root = mount();
    const onSelect = vi.fn();
    const chart = render(root, windowFixture(), { position: 3, reducedMotion: true, onSelect });
    const r = rows(root);
    const key = (k: string) => r[1].dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    key('ArrowUp');
    key('Home');
    key('End');
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual([4, 2, 2, 4]);
    onSelect.mockClear();
    chart.update(windowFixture(), { position: 2 });
    rows(root)[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(onSelect).not.toHaveBeenCalled();
    r[2].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith(4);
    expect(rows(root)[0].getAttribute('aria-selected')).toBe('true');
  });

  it('stacks each row at 360 px and keeps it inside the width', () => {
    const root = mount();
    render(root, windowFixture(), { width: 360, reducedMotion: true });
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('width')).toBe('360');
    const score = rows(root)[0].querySelector('.gb-ntw-score')!;
    expect(Number(score.getAttribute('y'))).toBeGreaterThan(Number(rows(root)[0].querySelector('.gb-ntw-target')!.getAttribute('y')));
    const guesses = [...rows(root)[0].querySelectorAll('.gb-ntw-guesses text')];
    expect(new Set(guesses.map((g) => g.getAttribute('y'))).size).toBe(2);
    for (const g of guesses) expect(Number(g.getAttribute('x'))).toBeLessThan(360);
  });

  it('says why there is nothing to draw for empty and one-token text', () => {
    for (const n of [0, 1]) {
      const root = mount();
      render(root, emptyFixture(n), { reducedMotion: true });
      expect(root.querySelector('.gb-ntw-summary')?.textContent).toMatch(n ? /single token/ : /at least two tokens/);
      expect(root.querySelector('svg')?.hasAttribute('hidden')).toBe(true);
      expect(rows(root)).toHaveLength(0);
    }
  });

  it('shows a note when the text was cut to the context, and cleans up on destroy', () => {
    const root = mount();
    const chart = render(root, { ...windowFixture(), truncated: true }, { reducedMotion: true });
    expect(root.querySelector('.gb-ntw-note')?.textContent).toMatch(/cut to the model’s context/);
    chart.destroy();
    expect(root.childElementCount).toBe(0);
  });
});
