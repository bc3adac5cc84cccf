// @vitest-environment jsdom
import { rgb } from 'd3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, surpriseSummary } from '../../../src/diagrams/surprise-text/render';
import { emptyFixture, mount, windowFixture } from './next-token-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

const tokens = (root: HTMLElement) => [...root.querySelectorAll<SVGGElement>('g.gb-st-token')];

describe('surprise-text render', () => {
  it('tints every token after the first by its loss, darker for costlier', () => {
    const root = mount();
    const d = windowFixture();
    render(root, d, { reducedMotion: true });
    const t = tokens(root);
    expect(t.map((g) => g.getAttribute('data-token'))).toEqual(['1', '2', '3', '4']);
    expect(t.map((g) => g.querySelector('text')?.textContent)).toEqual(['The', '␣cat', '␣sat', '␣on']);
    expect(t[0].getAttribute('data-loss')).toBeNull();
    expect(t[0].querySelector('rect')?.getAttribute('fill')).toBe('none');
    expect(t.slice(1).map((g) => Number(g.getAttribute('data-loss')))).toEqual(d.positions.map((p) => p.loss));
    // " on" (rank 12) cost more than " sat" (rank 1): its tile is darker (lower luminance).
    const lum = (g: SVGGElement) => {
      const c = rgb(g.querySelector('rect')?.getAttribute('fill') ?? '');
      return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    };
    expect(lum(t[3])).toBeLessThan(lum(t[2]));
  });

  it('has a legend in nats and bits', () => {
    const root = mount();
    render(root, windowFixture(), { reducedMotion: true });
    // Each tick: nats over bits (two lines, so they never overlap at 360 px).
    const ticks = [...root.querySelectorAll('.gb-st-tick')].map((e) => [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' = '));
    expect(ticks).toEqual(['0 nats = 0.0 bits', '2.5 nats = 3.6 bits', '5 nats = 7.2 bits', '7.5 nats = 10.8 bits', '10 nats = 14.4 bits']);
  });

  it('shows the chosen token’s row in the detail panel, the costliest by default', () => {
    const root = mount();
    const chart = render(root, windowFixture(), { reducedMotion: true });
    expect(root.querySelector('.gb-st-detail p')?.textContent).toMatch(/^Token 4: After “The cat sat”, the model gave “␣on” .* rank 12 \(top 100\)\.$/);
    expect(root.querySelectorAll('.gb-st-detail li')).toHaveLength(5);
    chart.update(windowFixture(), { position: 3 });
    expect(root.querySelector('.gb-st-detail li.is-target')?.textContent).toMatch(/^␣sat .*\(the true token\)$/);
    chart.update(windowFixture(), { position: 1 });
    expect(root.querySelector('.gb-st-detail p')?.textContent).toMatch(/first token has no guess/);
  });

  it('selects with arrow keys, hover and tap', () => {
    const root = mount();
    const onSelect = vi.fn();
    render(root, windowFixture(), { position: 2, reducedMotion: true, onSelect });
    const t = tokens(root);
    t[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    t[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    t[3].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual([3, 1, 4]);
    expect(t[1].getAttribute('tabindex')).toBe('0');
  });

  it('has a summary and a table row per scored token', () => {
    const root = mount();
    const d = windowFixture();
    render(root, d, { reducedMotion: true });
    expect(root.querySelector('.gb-st-summary')?.textContent).toBe(surpriseSummary(d));
    expect(surpriseSummary(d)).toMatch(/^The model was most surprised by token 4, “␣on” \(\d\.\d\d nats = \d\.\d\d bits\)\. Over 3 guesses/);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
  });

  it('wraps long text inside narrow widths', () => {
    const root = mount();
    render(root, windowFixture(), { width: 280, reducedMotion: true });
    for (const g of tokens(root)) {
      const x = Number(/translate\(([\d.]+),/.exec(g.getAttribute('transform')!)![1]);
      expect(x + Number(g.querySelector('rect')!.getAttribute('width'))).toBeLessThanOrEqual(280);
    }
  });

  it('gives a clear message for empty and one-token text', () => {
    const root = mount();
    const chart = render(root, emptyFixture(0), { reducedMotion: true });
    expect(root.querySelector('.gb-st-summary')?.textContent).toMatch(/at least two tokens/);
    chart.update(emptyFixture(1));
    expect(root.querySelector('.gb-st-summary')?.textContent).toMatch(/single token/);
    expect(root.querySelector('svg')?.hasAttribute('hidden')).toBe(true);
  });
});
