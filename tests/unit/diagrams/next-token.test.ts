// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, summarize, type NextTokenView } from '../../../src/diagrams/next-token/render';
import { percent, showToken, tail } from '../../../src/diagrams/kit/tokens';
import { mount } from './dom';

/** Made-up numbers with the real shape: the checks must not change when the model is retrained. */
const fixture: NextTokenView = {
  text: 'The cat sat on the',
  truncated: false,
  tokens: [
    { id: 513, text: 'The' },
    { id: 3241, text: ' cat' },
    { id: 1056, text: ' sat' },
    { id: 321, text: ' on' },
    { id: 260, text: ' the' },
  ],
  top: [
    { id: 1, text: ' mat', p: 0.2134567 },
    { id: 2, text: ' floor', p: 0.1 },
    { id: 3, text: ' bed', p: 0.0712345 },
    { id: 4, text: '\n', p: 0.05 },
    { id: 5, text: ' same', p: 0.031 },
    { id: 6, text: ' first', p: 0.02 },
    { id: 7, text: ',', p: 0.012 },
    { id: 8, text: ' chair', p: 0.01 },
    { id: 9, text: ' sofa', p: 0.0007 },
    { id: 10, text: ' windowsillandmore', p: 0.00004 },
  ],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('next-token render', () => {

  it('draws ten bars in order with probabilities, whitespace made visible', () => {
    const root = mount();
    render(root, fixture, { reducedMotion: true });
    const rows = [...root.querySelectorAll('g.gb-nt-row')];
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.getAttribute('data-rank'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(rows.map((r) => Number(r.getAttribute('data-p')))).toEqual(fixture.top.map((t) => t.p));
    expect(rows[0].querySelector('.gb-nt-label')?.textContent).toBe('␣mat');
    expect(rows[0].querySelector('.gb-nt-pct')?.textContent).toBe('21.3%');
    expect(rows[3].querySelector('.gb-nt-label')?.textContent).toBe('↵');
    expect(rows[9].querySelector('.gb-nt-label')?.textContent).toBe('␣windowsillan…');
    const widths = rows.map((r) => Number(r.querySelector('.gb-nt-bar')?.getAttribute('width')));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(1);
  });

  it('has a text alternative: summary, token list and table', () => {
    const root = mount();
    render(root, fixture, { reducedMotion: true });
    expect(root.querySelector('.gb-nt-summary')?.textContent).toBe(
      'After “The cat sat on the”, the most likely next token is “␣mat” at 21.3%; the 10 shown add up to 50.8%.',
    );
    expect([...root.querySelectorAll('[data-token]')].map((li) => [li.getAttribute('data-token'), li.textContent])).toEqual([
      ['1', 'The'],
      ['2', '␣cat'],
      ['3', '␣sat'],
      ['4', '␣on'],
      ['5', '␣the'],
    ]);
    const cells = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(cells).toHaveLength(10);
    expect(cells[0]).toEqual(['1', '␣mat', '1', '21.3%']);
    expect(cells[9]).toEqual(['10', '␣windowsillandmore', '10', '0.0040%']);
    expect(root.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('updates through the join: keeps, adds and removes bars by token id', () => {
    const root = mount();
    const chart = render(root, fixture, { reducedMotion: true });
    const before = new Map([...root.querySelectorAll('g.gb-nt-row')].map((g) => [g.getAttribute('data-token-id'), g]));
    const next: NextTokenView = {
      ...fixture,
      text: 'The cat sat on the mat',
      top: [
        { id: 3, text: ' bed', p: 0.4 },
        { id: 1, text: ' mat', p: 0.3 },
        { id: 99, text: ' and', p: 0.1 },
      ],
    };
    chart.update(next);
    const after = [...root.querySelectorAll('g.gb-nt-row')];
    expect(after.map((g) => g.getAttribute('data-token-id'))).toEqual(['3', '1', '99']);
    expect(after[0]).toBe(before.get('3')); // update: same node, moved
    expect(after[1]).toBe(before.get('1'));
    expect([...before.values()]).not.toContain(after[2]); // enter: a new node
    expect(after[0].getAttribute('transform')).toBe('translate(0,0)');
    expect(after[1].getAttribute('transform')).toBe('translate(0,28)');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(root.querySelector('svg')?.getAttribute('height')).toBe(String(22 + 3 * 28 + 8));
  });

  it('animates when motion is allowed, then removes exiting bars', async () => {
    const root = mount();
    const chart = render(root, fixture, { reducedMotion: false });
    chart.update({ ...fixture, top: fixture.top.slice(0, 2) });
    // Wait for the transition's end (exiting bars removed), not for a guessed time.
    await vi.waitFor(
      () => {
        expect(root.querySelectorAll('g.gb-nt-row')).toHaveLength(2);
        expect(root.querySelector('g.gb-nt-row')?.getAttribute('opacity')).toBe('1');
      },
      { timeout: 2000, interval: 20 },
    );
    chart.destroy();
  });

  it('redraws at a new width without scaling text', () => {
    const root = mount();
    const chart = render(root, fixture, { width: 900, reducedMotion: true });
    expect(root.querySelector('svg')?.getAttribute('width')).toBe('900');
    chart.update(fixture, { width: 100 });
    expect(root.querySelector('svg')?.getAttribute('width')).toBe('280');
    expect(root.querySelector('svg')?.getAttribute('font-size')).toBe('14');
  });

  it('destroy() empties root and touches nothing outside it', () => {
    const sibling = document.createElement('p');
    sibling.textContent = 'outside';
    document.body.append(sibling);
    const root = mount();
    const chart = render(root, fixture, { reducedMotion: false });
    chart.destroy();
    expect(root.childNodes).toHaveLength(0);
    expect(document.body.children).toHaveLength(2);
    expect(sibling.outerHTML).toBe('<p>outside</p>');
  });

  it('shows hostile token text as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const root = mount();
    render(
      root,
      {
        text: hostile,
        truncated: false,
        tokens: [{ id: 1, text: hostile }],
        top: [{ id: 2, text: '</text><script>alert(1)</script>', p: 0.5 }],
      },
      { reducedMotion: true },
    );
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('[data-token="1"]')?.textContent).toBe('<img␣src=x␣onerror=alert(1)>');
    expect(root.querySelector('tbody td:nth-child(2)')?.textContent).toBe('</text><script>alert(1)</script>');
    expect(root.querySelector('.gb-nt-summary')?.textContent).toContain('After “<img src=x onerror=alert(1)>”');
  });

  it('handles no prompt and no predictions', () => {
    const root = mount();
    const chart = render(root, { text: '', truncated: false, tokens: [], top: fixture.top.slice(0, 1) }, { reducedMotion: true });
    expect(root.querySelector('.gb-nt-summary')?.textContent).toMatch(/^With no prompt/);
    chart.update({ text: 'x', truncated: false, tokens: [], top: [] });
    expect(root.querySelectorAll('g.gb-nt-row')).toHaveLength(0);
    expect(root.querySelector('.gb-nt-summary')?.textContent).toBe('The model gave no predictions for this text.');
  });
});

describe('token display helpers', () => {
  it('makes whitespace and invisible characters visible', () => {
    expect(showToken(' the')).toBe('␣the');
    expect(showToken('\t\r\n')).toBe('⇥␍↵');
    expect(showToken('\u0000\u001b')).toBe('␀␛');
    expect(showToken('a\u200bb')).toBe('a⟨U+200B⟩b');
    expect(showToken('')).toBe('∅');
    expect(showToken('🐈')).toBe('🐈');
  });

  it('formats probabilities as percentages', () => {
    expect(percent(0.2134)).toBe('21.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(0.00042)).toBe('0.042%');
    expect(percent(NaN)).toBe('–');
  });

  it('keeps the end of a long text', () => {
    expect(tail('short')).toBe('short');
    expect(tail('a'.repeat(50) + ' end', 10)).toBe('…aaaaaa end');
    expect(summarize({ text: 'x', truncated: false, tokens: [], top: [] })).toMatch(/no predictions/);
  });
});
