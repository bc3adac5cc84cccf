import { diagram } from '../kit/schema';

export default diagram({
  id: 'bpe-merges',
  order: 40,
  title: 'A word, merge by merge',
  chapter: '/tokenization/',
  description:
    'A word starts as UTF-8 bytes; the site tokenizer’s merges then apply one at a time, in the order they were learned, until only its final tokens are left.',
  state: {
    // A leading space is part of the word: GPT-2-style tokenizers glue it to the word after it.
    word: { kind: 'string', maxLength: 64, default: ' amazing', label: 'word' },
    // Merges applied so far; past the last merge it is clamped at run time.
    step: { kind: 'int', min: 0, max: 300, default: 0, label: 'step' },
  },
  fixtures: {
    default: {},
    'amazing-done': { step: 300 },
    tokenization: { word: ' tokenization', step: 3 },
    contraction: { word: "don't", step: 1 },
    emoji: { word: ' 👩‍👩‍👧', step: 2 },
    empty: { word: '' },
  },
});
