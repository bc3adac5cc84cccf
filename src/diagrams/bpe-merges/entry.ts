import { mergeStep } from '../kit/fields';
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
    // Past the word's last merge it is clamped at run time.
    step: mergeStep(300, 0),
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
