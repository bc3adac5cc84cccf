import { mergeStep } from '../kit/fields';
import { diagram } from '../kit/schema';

export default diagram({
  id: 'bpe-train',
  order: 50,
  title: 'Learning merges from your text',
  chapter: '/tokenization/',
  description:
    'Byte-pair encoding trained live on a paragraph: at each step the pair counts, the most frequent pair, and the new token it becomes.',
  state: {
    // A paragraph: training is quadratic-ish in the text and runs on the main thread.
    text: {
      kind: 'string',
      maxLength: 1000,
      default: 'the cat sat on the mat. the cat ate the rat. then the cat sat on the hat, and that was that.',
      label: 'training text',
    },
    // Merges learned so far, 0 (bytes only) to 30.
    step: mergeStep(30, 1),
  },
  fixtures: {
    default: {},
    code: { text: 'for i in range(10): print(i)\nfor j in range(10): print(j)', step: 5 },
    'ten-merges': { step: 10 },
    empty: { text: '', step: 0 },
  },
});
