import { diagram } from '../kit/schema';
import { tokenizerState } from '../kit/fields';

export default diagram({
  id: 'tokenizer-compare',
  order: 30,
  title: 'Four tokenizers side by side',
  chapter: '/tokenization/',
  description:
    'The same text under this site’s tokenizer, GPT-2, cl100k and o200k, lined up by character so the places where they cut differently stand out, with their token counts.',
  state: { text: tokenizerState.text },
  fixtures: {
    default: {},
    code: { text: 'for (let i = 0; i < 10; i++) {\n  total += prices[i] * 1.2;\n}' },
    world: { text: 'naïve 東京 שלום 👩‍👩‍👧 12345678' },
    empty: { text: '' },
  },
});
