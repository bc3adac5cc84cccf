import { BYTE_CHARS, bpeTrain, byteSymbols, pretokenize, rankTable, replayMerges, symbolBytes } from '../../../src/math/bpe';
import { tokenBytes } from '../../../src/model/bytes';

describe('byte-level alphabet', () => {
  it('is GPT-2’s bytes_to_unicode: printable bytes stand for themselves, the rest shift to U+0100…', () => {
    expect(BYTE_CHARS[0x41]).toBe('A');
    expect(BYTE_CHARS[0x20]).toBe('Ġ'); // space, the 33rd non-printable byte → U+0120
    expect(BYTE_CHARS[0x0a]).toBe('Ċ');
    expect(new Set(BYTE_CHARS).size).toBe(256);
  });

  it('agrees with the model adapter’s inverse table on every byte', () => {
    for (let b = 0; b < 256; b++) expect(tokenBytes(BYTE_CHARS[b])).toEqual([b]);
    expect(symbolBytes(byteSymbols(' é🙂').join(''))).toEqual([...new TextEncoder().encode(' é🙂')]);
    expect(symbolBytes('€')).toBeNull(); // U+20AC is no byte's stand-in
  });
});

describe('pretokenize (GPT-2 split)', () => {
  it('glues a space to the following word and keeps contractions, digits and punctuation apart', () => {
    expect(pretokenize("ChatGPT is amazing, isn't it?  42")).toEqual(['ChatGPT', ' is', ' amazing', ',', ' isn', "'t", ' it', '?', ' ', ' 42']);
  });
});

describe('replayMerges', () => {
  // Hand-worked: "lower" with merges (0) l+o, (1) lo+w, (2) e+r.
  const ranks = rankTable([
    ['l', 'o'],
    ['lo', 'w'],
    ['e', 'r'],
  ]);

  it('applies the lowest-ranked pair first, one merge per step', () => {
    const steps = replayMerges(['l', 'o', 'w', 'e', 'r'], ranks);
    expect(steps.map((s) => [s.rank, s.pair, s.symbols])).toEqual([
      [0, ['l', 'o'], ['lo', 'w', 'e', 'r']],
      [1, ['lo', 'w'], ['low', 'e', 'r']],
      [2, ['e', 'r'], ['low', 'er']],
    ]);
  });

  it('joins every non-overlapping occurrence left to right in one step', () => {
    const steps = replayMerges(['l', 'o', 'l', 'o', 'l'], ranks);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ rank: 0, count: 2, symbols: ['lo', 'lo', 'l'] });
    expect(replayMerges(['x'], ranks)).toEqual([]);
  });
});

describe('bpeTrain', () => {
  it('learns the hand-worked merges of “low lower lowest”', () => {
    // Chunks: "low", "Ġlower", "Ġlowest", once each. Pair counts before merge 1: l o 3, o w 3,
    // Ġ l 2, w e 2, e r 1, e s 1, s t 1; l+o and o+w tie at 3 and l+o is seen first.
    const r = bpeTrain('low lower lowest', 5);
    expect(r.start.map((w) => w.symbols.join(' '))).toEqual(['l o w', 'Ġ l o w e r', 'Ġ l o w e s t']);
    expect(r.steps.map((s) => [s.token, s.count])).toEqual([
      ['lo', 3],
      ['low', 3],
      ['Ġlow', 2],
      ['Ġlowe', 2],
      ['Ġlower', 1],
    ]);
    expect(r.steps[0].top.map((p) => [p.pair.join('+'), p.count])).toEqual([
      ['l+o', 3],
      ['o+w', 3],
      ['Ġ+l', 2],
      ['w+e', 2],
      ['e+r', 1],
    ]);
    expect(r.steps[4].words.map((w) => w.symbols)).toEqual([['low'], ['Ġlower'], ['Ġlowe', 's', 't']]);
  });

  it('weights a pair by how often its chunk occurs, and stops when nothing is left to merge', () => {
    const r = bpeTrain('ab ab ab', 10);
    expect(r.start.map((w) => w.count)).toEqual([1, 2]); // "ab" once, " ab" twice
    expect(r.steps[0]).toMatchObject({ token: 'ab', count: 3 });
    expect(r.steps.at(-1)!.words.every((w) => w.symbols.length === 1)).toBe(true);
    expect(r.steps).toHaveLength(2);
    expect(bpeTrain('', 3).steps).toEqual([]);
  });
});
