// @vitest-environment jsdom
import { layout, MAX_DRAWN, render, type TokenizerViewData } from '../../../src/diagrams/tokenizer/render';
import { columns, countsOf, describeToken, summarize, tokenLabel } from '../../../src/diagrams/kit/tokenizers/view';
import type { PieceToken } from '../../../src/diagrams/kit/tokenizers/tokenizers';
import { mount } from './dom';

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const tok = (id: number, text: string, rank: number | null = id): PieceToken => ({ id, text, bytes: utf8(text), rank });

/** Made-up ids with the real shape: the checks must not change when a tokenizer is updated. */
const tokens = [tok(34, 'Chat', 10), tok(38, 'GPT', 12), tok(318, ' is', 61), tok(4998, ' amazing', 4740), tok(10, '\n', null), tok(0, '!', null)];
const fixture: TokenizerViewData = { tokenizer: 'glassbox', text: 'ChatGPT is amazing\n!', tokens, counts: countsOf('ChatGPT is amazing\n!', tokens) };

afterEach(() => document.body.replaceChildren());

describe('tokenizer view helpers', () => {
  it('counts code points, UTF-8 bytes and characters per token', () => {
    expect(countsOf('👩‍👩‍👧', [1, 2, 3, 4])).toEqual({ characters: 5, bytes: 18, tokens: 4, charsPerToken: 1.25 });
    expect(countsOf('', [])).toEqual({ characters: 0, bytes: 0, tokens: 0, charsPerToken: null });
  });

  it('shows part of a character as its bytes, and whitespace and controls visibly', () => {
    expect(tokenLabel({ text: '\uFFFD', bytes: [0xf0, 0x9f] })).toBe('‹F0 9F›');
    expect(tokenLabel({ text: '\uFFFD', bytes: [0xef, 0xbf, 0xbd] })).toBe('\uFFFD'); // a real U+FFFD
    expect(tokenLabel({ text: ' is\n', bytes: utf8(' is\n') })).toBe('␣is↵');
    expect(tokenLabel({ text: '\u0007', bytes: [7] })).toBe('␇');
  });

  it('measures CJK and emoji as two columns and joiners as none', () => {
    expect(columns('abc')).toBe(3);
    expect(columns('東京')).toBe(4);
    expect(columns('👩‍👧')).toBe(4);
  });

  it('wraps at the width and ends a row after a newline token', () => {
    const { placed } = layout(tokens, 120);
    expect(placed.map((p) => p.y)).toEqual([0, 0, 0, 46, 46, 92]);
    const many = Array.from({ length: MAX_DRAWN + 5 }, (_, i) => tok(i, 'x'));
    expect(layout(many, 600).placed).toHaveLength(MAX_DRAWN);
  });

  it('describes a token with its id, bytes and merge or rank', () => {
    expect(describeToken('glassbox', tokens[2], 2, 6)).toBe('Token 3 of 6: “␣is”, id 318, bytes 20 69 73, merge #62 of the tokenizer’s merges.');
    expect(describeToken('gpt2', tok(318, ' is'), 0, 1)).toContain('rank 318 (lower ranks merge first)');
    expect(summarize('cl100k', countsOf('ab', [1]))).toBe('cl100k (GPT-3.5 and GPT-4) cuts 2 characters (2 bytes) into 1 token: 2 characters per token.');
  });
});

describe('tokenizer render', () => {
  it('draws every token with data-token, its id and a table row', () => {
    const root = mount();
    render(root, fixture, { width: 640, selected: 2 });
    const drawn = [...root.querySelectorAll('[data-token]')];
    expect(drawn.map((g) => g.getAttribute('data-token'))).toEqual(['1', '2', '3', '4', '5', '6']);
    expect([...root.querySelectorAll('.gb-tok-id')].map((t) => t.textContent)).toEqual(['34', '38', '318', '4998', '10', '0']);
    expect(drawn.map((g) => g.getAttribute('aria-label')!.split(':')[0])).toEqual(['Chat', 'GPT', '␣is', '␣amazing', '↵', '!']);
    expect(root.querySelector('.is-selected')?.getAttribute('data-token')).toBe('3');
    expect(root.querySelector('.gb-tok-detail')?.textContent).toContain('“␣is”, id 318');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(6);
    expect(root.querySelector('svg[data-export="svg"]')).not.toBeNull();
  });

  it('moves the selection with the arrow keys, Home and End, and reports it', () => {
    const root = mount();
    const picked: number[] = [];
    const chart = render(root, fixture, { selected: 0, onSelect: (i) => picked.push(i) });
    const group = root.querySelector('[role="listbox"]')!;
    const key = (k: string) => group.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    expect(picked).toEqual([1]);
    chart.update(fixture, { selected: 1 });
    key('End');
    key('ArrowLeft');
    expect(picked).toEqual([1, 5, 0]);
    root.querySelector('[data-token="4"] rect')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(picked.at(-1)).toBe(3);
  });

  it('says when it draws only the first tokens, and when text runs right to left', () => {
    const many = Array.from({ length: MAX_DRAWN + 1 }, (_, i) => tok(i, 'ש'));
    const root = mount();
    render(root, { tokenizer: 'o200k', text: 'ש'.repeat(MAX_DRAWN + 1), tokens: many, counts: countsOf('ש'.repeat(MAX_DRAWN + 1), many) });
    const notes = root.querySelector('.gb-tok-viewnotes')!.textContent!;
    expect(notes).toContain(`Showing the first 2,000 of 2,001 tokens`);
    expect(notes).toContain('Right-to-left text');
    expect(root.querySelectorAll('[data-token]')).toHaveLength(MAX_DRAWN);
  });

  it('draws an empty text without tokens', () => {
    const root = mount();
    render(root, { tokenizer: 'gpt2', text: '', tokens: [], counts: countsOf('', []) });
    expect(root.querySelector('.gb-tok-summary')?.textContent).toBe('GPT-2 (GPT-2 and GPT-3): there is no text, so there are no tokens.');
    expect(root.querySelectorAll('[data-token]')).toHaveLength(0);
  });
});
