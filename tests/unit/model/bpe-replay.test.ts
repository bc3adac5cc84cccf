/**
 * The merge replay (src/math/bpe.ts) against the shipped tokenizer through transformers.js:
 * replaying tokenizer.json's merges must end with exactly the tokens the tokenizer produces.
 */
import { bpeChunk, bpeEncode, byteSymbols, pretokenize, rankTable, replayMerges, symbolBytes } from '../../../src/math/bpe';
import { nodeTokenizer } from '../../../src/model/node';

const tok = nodeTokenizer();

const WORDS = [' amazing', 'ChatGPT', ' tokenization', ' strawberry', 'Glassbox', ' the', ' antidisestablishmentarianism', ' 12345', ' naïve', ' 東京', ' שלום', ' 👩‍👩‍👧'];
const TEXTS = [
  'ChatGPT is amazing',
  'def f(x):\n    return x ** 2  # square\n',
  'Pi is 3.14159265358979, and 1,000,000 > 999999.',
  'a    b\t\tc\n\n\nd   ',
  'Family: 👩‍👩‍👧‍👦, flags 🇫🇷🇯🇵, skin 👍🏽.',
  '東京は日本の首都です。中文也可以。',
  'שלום עולם! مرحبا بالعالم',
  'I\'ve said they\'re "quoted" — isn’t it?',
  '\u0000\u0007\u001b[31mred\u001b[0m\u007f',
];

describe('merge replay vs the shipped tokenizer (transformers.js)', () => {
  it('ends with exactly the tokenizer’s tokens for each word', async () => {
    const { merges } = await tok.merges();
    expect(merges.length).toBeGreaterThan(1000);
    const ranks = rankTable(merges);
    for (const word of WORDS) {
      const { tokens } = await tok.encode(word);
      const chunks = pretokenize(word);
      expect(chunks, word).toEqual([word]); // each is one chunk, so one replay covers it
      const steps = replayMerges(byteSymbols(word), ranks);
      const last = steps.length ? steps[steps.length - 1].symbols : byteSymbols(word);
      expect(last.map(symbolBytes), word).toEqual(tokens.map((t) => t.bytes));
      // Ranks only grow: each merge uses tokens made by earlier merges.
      steps.forEach((s, i) => i && expect(s.rank).toBeGreaterThan(steps[i - 1].rank));
      // The merge index the adapter reports is the rank of the step that made the token.
      for (const t of tokens) if (t.merge !== null) expect(merges[t.merge].join('')).toBe(last[t.index]);
    }
  });

  it('gives the same bytes as transformers.js on whole tricky texts', async () => {
    const ranks = rankTable((await tok.merges()).merges);
    for (const text of TEXTS) {
      const { tokens } = await tok.encode(text);
      expect(bpeEncode(text, ranks).map(symbolBytes), JSON.stringify(text)).toEqual(tokens.map((t) => t.bytes));
      expect(bpeChunk('', ranks)).toEqual([]);
    }
  });
});
