// @vitest-environment jsdom
import { toExport, viewOf } from '../../../src/diagrams/tokenizer-compare/data';
import { MAX_CHARS, render, summarize } from '../../../src/diagrams/tokenizer-compare/render';
import type { Tokenized } from '../../../src/diagrams/kit/tokenizers/tokenizers';

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
/** Made-up ids: the checks must not change when an encoder is updated. */
function made(tokenizer: Tokenized['tokenizer'], text: string, parts: string[]): Tokenized {
  expect(parts.join('')).toBe(text);
  return { tokenizer, model: { id: tokenizer, version: 'test' }, text, tokens: parts.map((p, i) => ({ id: 100 + i, text: p, bytes: utf8(p), rank: null })) };
}

const text = 'ChatGPT is amazing';
const all = [
  made('glassbox', text, ['C', 'hat', 'G', 'P', 'T', ' is', ' amaz', 'ing']),
  made('gpt2', text, ['Chat', 'G', 'PT', ' is', ' amazing']),
  made('cl100k', text, ['Chat', 'GPT', ' is', ' amazing']),
  made('o200k', text, ['Chat', 'GPT', ' is', ' amazing']),
];

afterEach(() => document.body.replaceChildren());

describe('tokenizer-compare', () => {
  it('exports each tokenizer’s tokens and counts, and where they disagree', () => {
    const e = toExport({ text }, 'model', all);
    expect(e.tokenizers.map((r) => r.counts.tokens)).toEqual([8, 5, 4, 4]);
    // Starts after 0: glassbox 1,4,5,6,7,10,15; gpt2 4,5,7,10; cl100k/o200k 4,7,10.
    expect(e.disagreements).toEqual([1, 5, 6, 15]);
    expect(summarize(viewOf(e))).toBe(
      'The same 18 characters become Glassbox 8, GPT-2 5, cl100k 4, o200k 4 tokens. The tokenizers disagree at 4 of the 7 places where some token starts.',
    );
  });

  it('draws a row per tokenizer, boxes over the characters they cover and a tick per disagreement', () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(root, viewOf(toExport({ text }, 'model', all)), { width: 720 });
    expect(root.querySelectorAll('[data-tokenizer="glassbox"]')).toHaveLength(8);
    expect(root.querySelectorAll('[data-tokenizer="o200k"][data-token]')).toHaveLength(4);
    expect(root.querySelectorAll('line.gb-cmp-split')).toHaveLength(4);
    // " amazing" (gpt2) starts at character 10 and covers 8 columns of 8.4 px after the 112 px names.
    const amazing = root.querySelector('[data-tokenizer="gpt2"][data-token="5"]')!;
    expect(amazing.getAttribute('transform')).toBe('translate(196.00,26)');
    expect([...root.querySelectorAll('.gb-cmp-name')].map((t) => t.textContent)).toEqual(['Glassbox 8', 'GPT-2 5', 'cl100k 4', 'o200k 4']);
    expect(amazing.querySelector('rect')!.getAttribute('width')).toBe('66.20');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(4);
  });

  it('draws only the first characters of a long text, with a note', () => {
    const long = 'ab '.repeat(400);
    const parts = long.match(/ab |ab/g)!;
    const root = document.createElement('div');
    render(root, viewOf(toExport({ text: long }, 'model', [made('gpt2', long, parts)])));
    expect(root.querySelector('.gb-cmp-note')!.textContent).toContain(`first ${MAX_CHARS} characters`);
    // A token that wraps is drawn as one box per line, both with its data-token.
    const drawn = new Set([...root.querySelectorAll('[data-token]')].map((g) => g.getAttribute('data-token')));
    expect(drawn.size).toBe(MAX_CHARS / 3);
  });
});
