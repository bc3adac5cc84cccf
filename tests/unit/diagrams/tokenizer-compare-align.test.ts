import { bytePositions, disagreements, grid, segments, spans } from '../../../src/diagrams/tokenizer-compare/align';

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const toks = (...parts: string[]) => parts.map((p) => ({ bytes: utf8(p) }));

describe('aligning tokenizations by character span', () => {
  it('maps bytes to code points, fractionally inside a multi-byte character', () => {
    expect(bytePositions('aé')).toEqual([0, 1, 1.5, 2]);
    // 🙂 is 4 bytes: a token holding its first two ends half-way through the character.
    const bytes = utf8('🙂');
    expect(spans('🙂', [{ bytes: bytes.slice(0, 2) }, { bytes: bytes.slice(2) }])).toEqual([
      { start: 0, end: 0.5 },
      { start: 0.5, end: 1 },
    ]);
  });

  it('finds the token starts that not every tokenizer shares', () => {
    const a = spans('unbelievable', toks('un', 'believ', 'able'));
    const b = spans('unbelievable', toks('un', 'believable'));
    const c = spans('unbelievable', toks('unbel', 'iev', 'able'));
    expect(disagreements([a, b, c])).toEqual([2, 5, 8]);
    expect(disagreements([a, a])).toEqual([]);
  });

  it('wraps at the width, after a newline, and gives CJK two columns', () => {
    const g = grid('ab\n東京x', 4);
    expect(g.line).toEqual([0, 0, 0, 1, 1, 2]);
    expect(g.col).toEqual([0, 1, 2, 0, 2, 0]);
    expect(g.lines).toBe(3);
    expect(segments({ start: 1, end: 5 }, g)).toEqual([
      { line: 0, x0: 1, x1: 3 },
      { line: 1, x0: 0, x1: 4 },
    ]);
    expect(segments({ start: 3, end: 3.5 }, g)).toEqual([{ line: 1, x0: 0, x1: 1 }]);
  });
});
