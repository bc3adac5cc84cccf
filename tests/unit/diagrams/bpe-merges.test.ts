// @vitest-environment jsdom
import { rankTable } from '../../../src/math/bpe';
import { buildReplay } from '../../../src/diagrams/kit/tokenizers/replay';
import { render, summarize } from '../../../src/diagrams/bpe-merges/render';

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
// Hand-made merges: (0) l+o, (1) lo+w, (2) e+r, (3) Ġ+low, (4) ' + t
const ranks = rankTable([
  ['l', 'o'],
  ['lo', 'w'],
  ['e', 'r'],
  ['Ġ', 'low'],
  ["'", 't'],
]);

afterEach(() => document.body.replaceChildren());

describe('buildReplay', () => {
  it('starts from bytes and applies one merge per step in rank order', () => {
    const r = buildReplay(' lower', ranks);
    expect(r.chunks).toEqual([' lower']);
    expect(r.pieces[0].map((p) => p.bytes)).toEqual(utf8(' lower').map((b) => [b]));
    expect(r.steps.map((s) => s.rank)).toEqual([0, 1, 2, 3]);
    expect(r.pieces.at(-1)!.map((p) => String.fromCharCode(...p.bytes))).toEqual([' low', 'er']);
    // Keys are byte offsets: a merged piece keeps its left part's key.
    expect(r.pieces.at(-1)!.map((p) => p.at)).toEqual([0, 4]);
  });

  it('never merges across GPT-2 chunks, and interleaves the chunks’ merges by rank', () => {
    const r = buildReplay("low't", ranks);
    expect(r.chunks).toEqual(['low', "'t"]);
    expect(r.steps.map((s) => [s.rank, s.chunk])).toEqual([
      [0, 0],
      [1, 0],
      [4, 1],
    ]);
    expect(buildReplay('', ranks)).toMatchObject({ chunks: [], pieces: [[]], steps: [] });
  });
});

describe('bpe-merges render', () => {
  it('shows the pieces at a step, the merge just applied, and a table of every step', () => {
    const r = buildReplay(' lower', ranks);
    const root = document.createElement('div');
    document.body.append(root);
    const chart = render(root, { replay: r, tokens: null }, { step: 2, reducedMotion: true });
    expect([...root.querySelectorAll('[data-token] .gb-bpe-label')].map((t) => t.textContent)).toEqual(['␣', 'low', 'e', 'r']);
    expect(root.querySelector('.gb-bpe-step')!.textContent).toBe('Step 2 of 4: merge #2 joins “lo” + “w” into “low”.');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(4);
    chart.update({ replay: r, tokens: null }, { step: 4 });
    expect([...root.querySelectorAll('[data-token] .gb-bpe-label')].map((t) => t.textContent)).toEqual(['␣low', 'er']);
    expect(summarize(r)).toBe('“␣lower” starts as 6 bytes; the tokenizer’s merges make it 2 tokens in 4 steps.');
  });

  it('says whether the replay ends with the tokenizer’s own tokens', () => {
    const r = buildReplay(' lower', ranks);
    const root = document.createElement('div');
    render(root, { replay: r, tokens: [{ id: 1, text: ' low', bytes: utf8(' low') }, { id: 2, text: 'er', bytes: utf8('er') }] }, { step: 4 });
    expect(root.querySelector('.gb-bpe-check')!.textContent).toContain('✓');
    render(root, { replay: r, tokens: [{ id: 1, text: ' lower', bytes: utf8(' lower') }] }, { step: 4 });
    expect(root.querySelector('.gb-bpe-check')!.textContent).toContain('✗');
  });

  it('tweens from the previous step with GSAP, and jumps with reduced motion', () => {
    const r = buildReplay(' lower', ranks);
    const calls: string[] = [];
    // A stand-in with GSAP's call shape: records which tweens render() asks for.
    const gsap = {
      fromTo: (el: Element) => calls.push(`fromTo ${el.tagName}`),
      to: (el: Element, vars: { onComplete?: () => void }) => {
        calls.push(`to ${el.tagName}`);
        vars.onComplete?.();
      },
      killTweensOf: () => calls.push('kill'),
    } as unknown as typeof import('gsap').gsap;
    const root = document.createElement('div');
    const chart = render(root, { replay: r, tokens: null }, { step: 0, gsap });
    expect(calls.filter((c) => c.startsWith('fromTo') || c.startsWith('to '))).toEqual([]); // the first draw never animates
    chart.update({ replay: r, tokens: null }, { step: 1 });
    expect(calls).toContain('fromTo g');
    expect(calls).toContain('to g'); // the right half of "l" + "o" slides into "lo"
    calls.length = 0;
    chart.update({ replay: r, tokens: null }, { step: 2, reducedMotion: true });
    expect(calls.filter((c) => c !== 'kill')).toEqual([]);
    expect([...root.querySelectorAll('[data-token] .gb-bpe-label')].map((t) => t.textContent)).toEqual(['␣', 'low', 'e', 'r']);
  });
});

