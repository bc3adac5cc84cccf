// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { headPattern, labelCounts, shortLabel } from '../../../src/diagrams/kit/attention/patterns';
import type { HeadScores } from '../../../src/model/assets';
import { render, topKey } from '../../../src/diagrams/attention-heads/render';
import { clampToken, denseOf, headRows, viewOf, type AttentionHeadsExport } from '../../../src/diagrams/attention-heads/view';
import { mount } from './dom';

/** Made-up numbers with the real layout (2 layers × 3 heads, 4 tokens): retraining must not move the checks. */
const scores: HeadScores = {
  layers: 2,
  heads: 3,
  scores: {
    previous_token: [
      [0.61, 0.1, 0.2],
      [0.05, 0.12, 0.1],
    ],
    first_token: [
      [0.1, 0.72, 0.2],
      [0.05, 0.1, 0.1],
    ],
    self: [
      [0.1, 0.1, 0.25],
      [0.05, 0.1, 0.1],
    ],
    induction: [
      [0.01, 0.02, 0.03],
      [0.44, 0.02, 0.03],
    ],
    pronoun: [
      [0.1, 0.1, 0.1],
      [0.1, 0.35, 0.1],
    ],
  },
  labels: [
    ['previous-token', 'first-token (sink)', 'mixed'],
    ['induction', 'pronoun → antecedent', 'mixed'],
  ],
};

const tokens = [
  { id: 10, text: 'The' },
  { id: 11, text: ' cat' },
  { id: 12, text: ' sat' },
  { id: 13, text: ' it' },
];

/** [L][H][T][T] rows sum to 1, upper triangle 0. */
function attentions(): number[][][][] {
  const rows = (w: number[]) => [[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0.2, 0.3, 0.5, 0], w];
  return [
    [rows([0.1, 0.1, 0.7, 0.1]), rows([0.85, 0.05, 0.05, 0.05]), rows([0.25, 0.25, 0.25, 0.25])],
    [rows([0.1, 0.2, 0.3, 0.4]), rows([0.05, 0.6123456, 0.2, 0.1876544]), rows([0.4, 0.1, 0.1, 0.4])],
  ];
}

function fixture(token = 4): AttentionHeadsExport {
  return {
    state: { text: 'The cat sat it', token },
    source: 'example',
    model: { id: 'test-model', version: 'v0' },
    text: 'The cat sat it',
    truncated: false,
    tokens,
    token,
    heads: headRows(denseOf(attentions()), token, scores),
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('attention-heads data', () => {
  it('labels heads from heads.json, with the score of the labelled probe', () => {
    expect(headPattern(scores, 0, 0)).toEqual({ label: 'previous-token', short: 'prev', patterned: true, score: 0.61, key: 'previous_token' });
    expect(headPattern(scores, 1, 1)).toMatchObject({ label: 'pronoun → antecedent', short: 'pron', score: 0.35 });
    // A label without a pattern: the probe that came closest, which stayed under the labelling bar.
    expect(headPattern(scores, 0, 2)).toMatchObject({ label: 'mixed', short: 'mixed', patterned: false, score: 0.25, key: 'self' });
    expect(shortLabel('something new')).toBe('someth');
    // Files that label by lift over an even spread: the closest probe is the one with the most lift.
    const byLift: HeadScores = {
      ...scores,
      labels: [
        ['broad', 'first-token (sink)', 'mixed'],
        ['induction', 'pronoun → antecedent', 'mixed'],
      ],
      lift: { previous_token: [[1.5, 1, 1], [1, 1, 1]], pronoun: [[1.9, 1, 1], [1, 1, 1]], first_token: [[1, 4.2, 1], [1, 1, 1]] },
    };
    expect(headPattern(byLift, 0, 0)).toEqual({ label: 'broad', short: 'broad', patterned: false, score: 0.1, lift: 1.9, key: 'pronoun' });
    expect(headPattern(byLift, 0, 1)).toMatchObject({ label: 'first-token (sink)', patterned: true, score: 0.72, lift: 4.2 });
    const row = headRows(denseOf(attentions()), 4, byLift)[1];
    expect(row).toMatchObject({ label: 'first-token (sink)', score: 0.72, lift: 4.2 });
    const root = document.createElement('div');
    render(root, viewOf({ ...fixture(), heads: headRows(denseOf(attentions()), 4, byLift) }), { width: 640, reducedMotion: true });
    expect(root.querySelectorAll('g.gb-ah-text .gb-ah-label')[1].textContent).toBe('first ×4.2');
    expect(root.querySelectorAll('g.gb-ah-cell')[0].getAttribute('aria-label')).toMatch(/^Layer 1, head 1: broad, no single measured pattern;/);
    expect(root.querySelectorAll('tbody tr')[1].children[3].textContent).toBe('72.0% on its probe, 4.2× an even spread');
    expect(labelCounts(scores)).toEqual([
      ['mixed', 2],
      ['first-token (sink)', 1],
      ['induction', 1],
      ['previous-token', 1],
      ['pronoun → antecedent', 1],
    ]);
  });

  it("takes each head's row from the exported attentions, up to the query", () => {
    const rows = headRows(denseOf(attentions()), 3, scores);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => [r.layer, r.head])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(rows[0].weights).toEqual([0.2, 0.3, 0.5]);
    expect(headRows(denseOf(attentions()), 4, null)[4]).toMatchObject({ label: 'unmeasured', weights: [0.05, 0.612346, 0.2, 0.187654] });
    expect(headRows(denseOf(attentions()), 5, scores)).toEqual([]);
  });

  it('clamps a token past the end with a note', () => {
    expect(clampToken(3, 4)).toEqual({ token: 3 });
    expect(clampToken(9, 4)).toEqual({ token: 4, note: 'token: 9 is past the end of the text (4 tokens); showing token 4.' });
    expect(clampToken(9, 0)).toEqual({ token: 0 });
    expect(topKey([0.1, 0.4, 0.4])).toBe(1);
  });
});

describe('attention-heads render', () => {

  it('draws one labelled, focusable cell per head and a text alternative', () => {
    const root = mount();
    const view = viewOf(fixture());
    render(root, view, { width: 640, reducedMotion: true });
    const cells = [...root.querySelectorAll('g.gb-ah-cell')];
    expect(cells).toHaveLength(6);
    expect(cells.map((c) => c.getAttribute('data-label'))).toEqual(scores.labels.flat());
    expect(cells.filter((c) => c.getAttribute('tabindex') === '0')).toHaveLength(1);
    expect(cells[1].getAttribute('aria-label')).toBe(
      'Layer 1, head 2: first-token (sink) (72.0% on its probe); from “␣it” it puts 85.0% on “The” (token 1).',
    );
    const texts = [...root.querySelectorAll('g.gb-ah-text')];
    expect(texts).toHaveLength(6);
    expect(texts[0].querySelector('.gb-ah-label')?.textContent).toBe('prev 61.0%');
    expect(texts[0].querySelector('.gb-ah-top')?.textContent).toBe('␣sat 70.0%');
    expect(texts[0].getAttribute('transform')).toBe(cells[0].getAttribute('transform'));
    expect(cells.every((c) => c.querySelector('text') === null)).toBe(true);
    expect(root.querySelector('.gb-ah-summary')?.textContent).toBe(
      'Attention from “␣it” (token 4 of 4) in all 6 heads. The strongest single weight is layer 1, head 2: 85.0% on “The”.',
    );
    expect([...root.querySelectorAll('[data-token]')].map((b) => [b.getAttribute('data-token'), b.getAttribute('aria-checked')])).toEqual([
      ['1', 'false'],
      ['2', 'false'],
      ['3', 'false'],
      ['4', 'true'],
    ]);
    const cellsText = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(cellsText[4]).toEqual(['2', '2', 'pronoun → antecedent', '35.0% on its probe', '␣cat (token 2)', '61.2%']);
  });

  it('shortens labels in narrow cells', () => {
    const root = mount();
    render(root, viewOf(fixture()), { width: 200, reducedMotion: true });
    const first = root.querySelector('g.gb-ah-text');
    expect(first?.querySelector('.gb-ah-label')?.textContent).toBe('prev');
    expect(first?.querySelector('.gb-ah-top')?.textContent).toBe('70.0%');
    expect(root.querySelector('svg')?.getAttribute('width')).toBe('280');
  });

  it('selects a head on click and on Enter, and moves focus with the arrow keys', () => {
    const root = mount();
    const onSelect = vi.fn();
    const chart = render(root, viewOf(fixture()), { reducedMotion: true, onSelect });
    const cell = (l: number, h: number) => root.querySelector<SVGGElement>(`g.gb-ah-cell[data-layer="${l}"][data-head="${h}"]`)!;

    cell(2, 3)
      .querySelector('rect')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith({ layer: 2, head: 3 });

    cell(1, 1).focus();
    cell(1, 1).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(cell(1, 2));
    cell(1, 2).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(cell(2, 2));
    cell(2, 2).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith({ layer: 2, head: 2 });
    expect(onSelect).toHaveBeenCalledTimes(2);

    chart.update(viewOf(fixture()), { selected: { layer: 2, head: 2 } });
    expect(cell(2, 2).getAttribute('aria-pressed')).toBe('true');
    expect(cell(2, 2).classList.contains('gb-ah-selected')).toBe(true);
    expect(root.querySelectorAll('[aria-pressed="true"]')).toHaveLength(1);
  });

  it('picks the query token by click and arrow keys', () => {
    const root = mount();
    const onToken = vi.fn();
    render(root, viewOf(fixture()), { reducedMotion: true, onToken });
    const token = (i: number) => root.querySelector<HTMLButtonElement>(`[data-token="${i}"]`)!;
    token(2).click();
    expect(onToken).toHaveBeenLastCalledWith(2);
    token(4).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(onToken).toHaveBeenLastCalledWith(3);
    token(4).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(onToken).toHaveBeenLastCalledWith(4);
  });

  it('keeps cell nodes across updates and redraws for another token', () => {
    const root = mount();
    const chart = render(root, viewOf(fixture()), { reducedMotion: true });
    const before = root.querySelector('g.gb-ah-cell[data-layer="2"][data-head="1"]');
    chart.update(viewOf(fixture(2)));
    expect(root.querySelector('g.gb-ah-cell[data-layer="2"][data-head="1"]')).toBe(before);
    expect(root.querySelector('.gb-ah-summary')?.textContent).toContain('Attention from “␣cat” (token 2 of 4)');
    expect(root.querySelectorAll('[aria-checked="true"]')).toHaveLength(1);
    expect(root.querySelector('[aria-checked="true"]')?.getAttribute('data-token')).toBe('2');
  });

  it('shows hostile token text as text and handles no text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const root = mount();
    const d = fixture();
    const chart = render(root, viewOf({ ...d, tokens: d.tokens.map((t, i) => (i === 3 ? { ...t, text: hostile } : t)) }), {
      reducedMotion: true,
    });
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('[data-token="4"]')?.textContent).toBe('<img␣src=x␣onerror=alert(1)>');
    chart.update(viewOf({ ...d, text: '', tokens: [], token: 0, heads: [] }));
    expect(root.querySelectorAll('g.gb-ah-cell')).toHaveLength(0);
    expect(root.querySelector('.gb-ah-summary')?.textContent).toBe('There is no text to attend over.');
    chart.destroy();
    expect(root.childNodes).toHaveLength(0);
  });
});

describe('<glassbox-attention-heads>', () => {
  /** The markup AttentionHeads.astro renders, around a made-up export. */
  function mount(follow: boolean) {
    document.body.innerHTML = `
      <glassbox-attention-heads data-diagram="attention-heads" data-state="text=The%20cat%20sat%20it&amp;token=4" data-url-state="off" ${follow ? 'data-follow="attention"' : ''}>
        <p data-role="source"></p>
        <div data-role="progress" hidden><progress data-role="progress-bar"></progress><span data-role="progress-text"></span></div>
        <div data-role="error" hidden><p data-role="error-text"></p><button type="button" data-role="retry">Retry</button></div>
        <ul data-role="notes" hidden></ul>
        <div data-role="chart"></div>
        <p data-role="choice" role="status"></p>
        <script type="application/json" data-role="export">${JSON.stringify(fixture()).replace(/</g, '\\u003c')}</script>
      </glassbox-attention-heads>`;
    return document.querySelector('glassbox-attention-heads') as HTMLElement & { value: unknown };
  }

  async function drawn(el: HTMLElement) {
    await vi.waitFor(() => expect(el.querySelectorAll('g.gb-ah-cell')).toHaveLength(6));
  }

  it('reports a chosen head as el.value and a bubbling change event, 1-based', async () => {
    vi.stubGlobal('matchMedia', () => ({ matches: true }));
    await import('../../../src/diagrams/attention-heads/element');
    const el = mount(false);
    await drawn(el);
    const seen: unknown[] = [];
    document.body.addEventListener('change', (e) => seen.push((e as CustomEvent).detail));
    el.querySelector('g.gb-ah-cell[data-layer="2"][data-head="1"] rect')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(seen).toEqual([{ layer: 2, head: 1 }]);
    expect(el.value).toEqual({ layer: 2, head: 1 });
    // The grid may still be loading its modules when the click lands; it shows the choice once drawn.
    await vi.waitFor(() => expect(el.querySelector('g.gb-ah-cell[data-layer="2"][data-head="1"]')?.getAttribute('aria-pressed')).toBe('true'));
    expect(el.querySelector('[data-role="choice"]')?.textContent).toBe('Layer 2, head 1 chosen.');
    const cell = el.querySelector<SVGGElement>('g.gb-ah-cell[data-layer="1"][data-head="3"]')!;
    cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(seen.at(-1)).toEqual({ layer: 1, head: 3 });
    el.remove();
    vi.unstubAllGlobals();
  });

  it('hands the chosen head to the page\'s attention diagram and follows its state', async () => {
    vi.stubGlobal('matchMedia', () => ({ matches: true }));
    await import('../../../src/diagrams/attention-heads/element');
    // A stand-in for <glassbox-attention> with its public contract: value get/set and data-state.
    const main = document.createElement('div') as HTMLDivElement & { value: Record<string, unknown> };
    let state = { text: 'The cat sat it', layer: 1, head: 1, token: 4 };
    Object.defineProperty(main, 'value', {
      get: () => state,
      set: (v: Partial<typeof state>) => {
        state = { ...state, ...v };
        main.dataset.state = `layer=${state.layer}&head=${state.head}&token=${state.token}`;
      },
    });
    main.dataset.diagram = 'attention';
    const el = mount(true);
    document.body.prepend(main);
    el.remove();
    document.body.append(el);
    await drawn(el);
    el.querySelector('g.gb-ah-cell[data-layer="2"][data-head="3"] rect')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(state).toMatchObject({ layer: 2, head: 3 });
    expect(el.querySelector('[data-role="choice"]')?.textContent).toBe('Layer 2, head 3 is now shown in the attention diagram.');
    // …and a change made there (here: a new query token) becomes the grid's state; it is drawn
    // once the live model has run (there is none in this test).
    main.value = { token: 2 };
    await vi.waitFor(() => expect(el.dataset.state).toContain('token=2'));
    await vi.waitFor(() => expect(el.querySelector('g.gb-ah-cell[aria-pressed="true"]')?.getAttribute('data-head')).toBe('3'));
    vi.unstubAllGlobals();
  });
});
