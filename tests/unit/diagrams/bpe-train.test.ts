// @vitest-environment jsdom
import { train } from '../../../src/diagrams/bpe-train/data';
import { render, stepText, symbolLabel } from '../../../src/diagrams/bpe-train/render';

afterEach(() => document.body.replaceChildren());

describe('bpe-train view', () => {
  const data = train({ text: 'low lower lowest', step: 1 }, 'model');

  it('names the merge, its count and the new token’s id', () => {
    expect(stepText(data.result, 0)).toBe('Before any merge: the text is 16 bytes in 3 distinct words, and the vocabulary is the 256 byte values.');
    expect(stepText(data.result, 3)).toBe('Merge 3: the most frequent pair, “␣” + “low” (2 times), becomes the new token “␣low”, id 258 (ids 0–255 are the bytes).');
    expect(symbolLabel('Ġlow')).toBe('␣low');
  });

  it('draws the pair counts before the merge, the winner first, and the words after it', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const chart = render(root, data, { step: 1 });
    const rows = [...root.querySelectorAll('g.gb-train-row')];
    expect(rows.map((r) => r.querySelector('.gb-tok-label')!.textContent)).toEqual(['l + o', 'o + w', '␣ + l', 'w + e', 'e + r']);
    expect(rows.map((r) => r.querySelector('.gb-train-count')!.textContent)).toEqual(['3', '3', '2', '2', '1']);
    expect(root.querySelector('.gb-train-words')!.textContent).toBe('The words now: lo│w   ␣│lo│w│e│r   ␣│lo│w│e│s│t');
    chart.update(data, { step: 99 });
    // Clamped to the last merge: after 7 every word is one token and nothing is left to merge.
    expect(root.querySelector('.gb-train-vocab')!.textContent).toBe('Learned so far (7): lo  low  ␣low  ␣lowe  ␣lower  ␣lowes  ␣lowest');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(data.result.steps.at(-1)!.top.length);
  });
});
