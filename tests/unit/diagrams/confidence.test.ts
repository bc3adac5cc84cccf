// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../../src/diagrams/confidence/render';
import { exampleBody } from '../../../src/diagrams/confidence/build';
import { answerFirstId, appendAdded, MAX_ADDED, normalizeAnswer, parseAdded, type PromptResult } from '../../../src/diagrams/confidence/data';
import { lanes } from '../../../src/diagrams/confidence/view';
import examples from '../../../src/data/examples/confidence.json';
import { mount } from './dom';

afterEach(() => {
  document.body.replaceChildren();
});

describe('confidence data', () => {
  it('gives a word after a prompt the space the tokenizer expects', () => {
    expect(normalizeAnswer('The capital of France is', 'Paris')).toBe(' Paris');
    expect(normalizeAnswer('The capital of France is ', 'Paris')).toBe('Paris');
    expect(normalizeAnswer('x', ' y ')).toBe(' y');
  });

  it('round-trips added prompts through the state string, skipping broken lines and capping the count', () => {
    let added = '';
    added = appendAdded(added, { prompt: 'Bees make', answer: ' honey' });
    added = appendAdded(added, { prompt: 'a | b', answer: ' c' });
    expect(parseAdded(added)).toEqual([
      { prompt: 'Bees make', answer: ' honey' },
      { prompt: 'a   b', answer: ' c' },
    ]);
    expect(parseAdded('no bar here\n | empty prompt\nok | fine')).toEqual([{ prompt: 'ok', answer: ' fine' }]);
    expect(parseAdded(Array.from({ length: 12 }, (_, i) => `p${i} | a`).join('\n'))).toHaveLength(MAX_ADDED);
  });

  it('takes the answer token after the prompt’s own tokens', () => {
    expect(answerFirstId([5, 6], [5, 6, 9, 10], [11])).toBe(9);
    expect(answerFirstId([5, 6], [5, 7, 9], [11])).toBe(11);
  });

  it('puts dots that would overlap in different lanes', () => {
    const xs = [10, 12, 14, 100];
    const ls = lanes(xs, 18);
    for (let i = 0; i < xs.length; i++) {
      for (let j = i + 1; j < xs.length; j++) if (Math.abs(xs[i] - xs[j]) < 18) expect(ls[i]).not.toBe(ls[j]);
    }
    expect(ls[3]).toBe(0);
  });

  it('backs what the chapter says: France wrong, both kinds in the set, wording and sums as stated', () => {
    const all = examples.prompts as PromptResult[];
    const france = all.find((p) => p.prompt === 'The capital of France is')!;
    expect(france.right).toBe(false);
    expect(all.some((p) => p.right) && all.some((p) => !p.right)).toBe(true);
    const [short, long] = examples.limits.wording as PromptResult[];
    expect(long.answer_p).toBeGreaterThan(short.answer_p);
    for (const p of examples.limits.arithmetic as PromptResult[]) expect(p.right).toBe(false);
    // The prose reads "een" after "Spiders have eight" as the start of "eighteen", and calls both commitments wrong.
    const spiders = all.find((p) => p.prompt === 'Spiders have eight')!;
    expect(spiders.top[0].text).toBe('een');
    expect(spiders.right).toBe(false);
    expect(all.find((p) => p.prompt === 'A week has seven')!.right).toBe(false);
  });
});

describe('confidence render', () => {
  it('draws one dot and one list item per prompt, marked right or wrong, and the summary', () => {
    const root = mount();
    const d = exampleBody();
    render(root, d, { reducedMotion: true, width: 640 });
    expect(root.querySelectorAll('.gb-cf-dot')).toHaveLength(d.prompts.length);
    const items = [...root.querySelectorAll('.gb-cf-list li')];
    expect(items).toHaveLength(d.prompts.length);
    expect(items.filter((li) => li.classList.contains('is-right'))).toHaveLength(d.summary.right);
    expect(root.querySelector('.gb-cf-summary')!.textContent).toContain(`${d.summary.right} of ${d.prompts.length}`);
    expect(root.querySelectorAll('.gb-cf-top li')).toHaveLength(5);
    expect(root.querySelector('.gb-cf-detail')!.textContent).toContain(d.prompts[0].prompt);
  });

  it('moves the choice with the arrow keys', () => {
    const root = mount();
    const onSelect = vi.fn();
    render(root, exampleBody(), { reducedMotion: true, onSelect });
    const sel = root.querySelector('.gb-cf-list [aria-selected="true"]') as HTMLElement;
    expect(sel.getAttribute('data-token')).toBe('1');
    sel.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith(2);
  });

  it('keeps the dots inside a 280 px chart', () => {
    const root = mount();
    render(root, exampleBody(), { reducedMotion: true, width: 280 });
    for (const g of root.querySelectorAll('.gb-cf-dot')) {
      const [x] = /translate\(([-\d.]+),/.exec(g.getAttribute('transform')!)!.slice(1).map(Number);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(280);
    }
  });
});
