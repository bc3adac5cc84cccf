import { diagram } from '../kit/schema';
import { tokenizerState } from '../kit/fields';

export default diagram({
  id: 'tokenizer',
  order: 20,
  title: 'Text to tokens',
  chapter: '/tokenization/',
  description:
    'Type any text and see how a tokenizer cuts it into tokens, each with its id, bytes and merge rank: this site’s model, GPT-2, cl100k (GPT-4) or o200k (GPT-4o).',
  state: {
    ...tokenizerState,
    // 1-based; 0 is none. Past the end of the text it is ignored.
    token: { kind: 'int', min: 0, max: 100_000, default: 0, label: 'token' },
  },
  fixtures: {
    default: {},
    'gpt2-code': { text: 'def square(x):\n    return x ** 2  # 12345', tokenizer: 'gpt2', token: 3 },
    'cl100k-numbers': { text: 'In 2024, 1,000,000 tokens cost $0.50.', tokenizer: 'cl100k' },
    'o200k-world': { text: '東京 שלום 👩‍👩‍👧 naïve', tokenizer: 'o200k' },
    markup: { text: '<img src=x onerror=alert(1)> </script>' },
    empty: { text: '' },
  },
});
