// @vitest-environment jsdom
/** The layers chapter's 2D views in jsdom, drawn from the committed example data. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import lensExample from '../../../src/data/examples/logit-lens.json';
import stackExample from '../../../src/data/examples/layer-stack.json';
import neuronsExample from '../../../src/data/examples/mlp-neurons.json';
import sample from '../../../src/data/examples/mlp-neurons-sample.json';
import storyExample from '../../../src/data/examples/layers-story.json';
import { render as renderLens } from '../../../src/diagrams/logit-lens/render';
import { render as renderStack } from '../../../src/diagrams/layer-stack/flat';
import { render as renderNeurons } from '../../../src/diagrams/mlp-neurons/render';
import { neuronsView, type NeuronsExample } from '../../../src/diagrams/mlp-neurons/example';
import type { SampleFile } from '../../../src/diagrams/mlp-neurons/view';
import { fillsOf } from '../../../src/stories/layers-story/fills';
import { drawFigure, STEPS } from '../../../src/stories/layers-story/figures';
import type { LayersStory } from '../../../src/stories/layers-story/data';

afterEach(() => document.body.replaceChildren());

function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

describe('logit-lens render', () => {
  const view = { text: lensExample.text, tokens: lensExample.tokens, lens: lensExample.lens };
  const rows = view.lens.length;
  const T = view.tokens.length;

  it('draws one cell per layer × token, labelled with its visible text first, and the selected cell’s top 5', () => {
    const root = mount();
    renderLens(root, view, { layer: 2, token: 3, reducedMotion: true });
    const cells = root.querySelectorAll('.gb-ll-cell');
    expect(cells).toHaveLength(rows * T);
    // A cell holds no text of its own (its words are drawn in an aria-hidden layer): its name is its label.
    for (const c of cells) expect(c.querySelector('text')).toBeNull();
    const words = [...root.querySelectorAll('.gb-ll-words > g')].map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '));
    expect(words).toHaveLength(rows * T);
    [...cells].forEach((c, i) => expect(c.getAttribute('aria-label')?.startsWith(words[i])).toBe(true));
    const sel = root.querySelector('.gb-ll-cell.is-selected');
    expect(sel?.getAttribute('data-layer')).toBe('2');
    expect(sel?.getAttribute('data-token')).toBe('4');
    const ids = [...root.querySelectorAll('.gb-ll-top-list li')].map((li) => Number(li.getAttribute('data-token-id')));
    expect(ids).toEqual(view.lens[2][3].map((e) => e.id));
    expect(root.querySelectorAll('tbody tr')).toHaveLength(rows);
  });

  it('moves with the arrow keys: ↑ a later layer, → the next token, clamped at the edges', () => {
    const root = mount();
    const onSelect = vi.fn();
    renderLens(root, view, { layer: rows - 1, token: 0, reducedMotion: true, onSelect });
    const grid = root.querySelector('.gb-ll-grid') as Element;
    key(grid, 'ArrowUp');
    expect(onSelect).not.toHaveBeenCalled(); // already the top row
    key(grid, 'ArrowDown');
    key(grid, 'ArrowRight');
    expect(onSelect.mock.calls).toEqual([
      [rows - 2, 0],
      [rows - 1, 1],
    ]);
  });

  it('says what an empty text decodes to, and draws no empty grid rows', () => {
    const root = mount();
    renderLens(root, { text: '', tokens: [], lens: Array.from({ length: rows }, () => []) }, {});
    expect(root.querySelector('.gb-lay-summary')?.textContent).toMatch(/no text/);
    expect(root.querySelectorAll('[role="row"]')).toHaveLength(0);
  });
});

describe('layer-stack 2D render', () => {
  const view = { text: stackExample.text, tokens: stackExample.tokens, contributions: stackExample.contributions };

  it('draws a row per layer with the selected token’s numbers, tokens as options and a link per layer', () => {
    const root = mount();
    renderStack(root, view, { token: 2, layer: 1, reducedMotion: true, href: (l) => `/attention/?layer=${l + 1}` });
    const L = view.contributions[0].length;
    expect(root.querySelectorAll('.gb-ls-row')).toHaveLength(L);
    expect(root.querySelectorAll('[role="option"][data-token]')).toHaveLength(view.tokens.length);
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-token')).toBe('3');
    expect([...root.querySelectorAll('.gb-ls-links a')].map((a) => a.getAttribute('href'))).toEqual(
      Array.from({ length: L }, (_, l) => `/attention/?layer=${l + 1}`),
    );
    expect(root.querySelector('.gb-lay-readout')?.textContent).toContain(`Layer 2: attention adds a vector of length ${view.contributions[2][1].attn_norm.toFixed(2)}`);
  });

  it('arrow keys move the token; focusing a link picks its layer', () => {
    const root = mount();
    const onToken = vi.fn();
    const onLayer = vi.fn();
    renderStack(root, view, { token: 0, layer: 0, reducedMotion: true, onToken, onLayer });
    key(root.querySelector('.gb-ls-tokens') as Element, 'ArrowRight');
    expect(onToken).toHaveBeenCalledWith(1);
    root.querySelectorAll<HTMLAnchorElement>('.gb-ls-links a')[3].dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(onLayer).toHaveBeenCalledWith(3);
  });
});

describe('mlp-neurons render', () => {
  const ex = neuronsExample as NeuronsExample;
  const file = sample as unknown as SampleFile;

  it('lists the layer’s strongest neurons, the chosen one’s activations and its sample contexts', () => {
    const root = mount();
    const view = neuronsView({ kind: 'example', ex }, 2, -1, file);
    renderNeurons(root, view, { reducedMotion: true });
    expect(root.querySelectorAll('.gb-mn-row')).toHaveLength(ex.neurons[1].length);
    expect(view.chosen.neuron).toBe(ex.neurons[1][0].neuron);
    expect(root.querySelectorAll('.gb-mn-tok')).toHaveLength(ex.tokens.length);
    const marks = [...root.querySelectorAll('.gb-mn-sample mark')].map((m) => m.textContent);
    const hits = file.top[1][view.chosen.neuron];
    expect(marks).toEqual(hits.map(([p, pos]) => file.passages[p].tokens[pos]));
  });

  it('↓ chooses the next neuron in the list', () => {
    const root = mount();
    const onNeuron = vi.fn();
    renderNeurons(root, neuronsView({ kind: 'example', ex }, 1, -1, file), { onNeuron });
    key(root.querySelector('[role="listbox"]') as Element, 'ArrowDown');
    expect(onNeuron).toHaveBeenCalledWith(ex.neurons[0][1].neuron);
  });
});

describe('layers story', () => {
  const s = storyExample as unknown as LayersStory;
  it('fills every key with a finite, non-empty value', () => {
    for (const [k, v] of Object.entries(fillsOf(s))) {
      expect(v, k).not.toBe('');
      expect(v, k).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('draws a figure for every step', () => {
    for (const step of STEPS) {
      const root = mount();
      drawFigure(root, s, step, 400);
      expect(root.querySelector('svg')?.getAttribute('height'), step).not.toBe('0');
      expect(root.querySelectorAll('svg *').length, step).toBeGreaterThan(3);
    }
  });
});
