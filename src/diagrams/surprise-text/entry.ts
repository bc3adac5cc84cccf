/** The surprise-text registry entry: the reader's text, tinted by the model's loss on each token. */
import { EXAMPLE_TEXTS } from '../../model/examples';
import type { DiagramEntry, StateSchema } from '../kit/schema';

const state = {
  text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.surprise, label: 'text' },
} as const satisfies StateSchema;

const entry: DiagramEntry<typeof state> = {
  id: 'surprise-text',
  order: 14,
  title: 'Where the model is surprised',
  chapter: '/next-token/',
  description:
    'Paste a paragraph and see it coloured token by token by the loss the model paid on each one, in nats and bits; point at a token to see what the model expected instead.',
  state,
  fixtures: {
    default: {},
    lines: { text: 'Roses are red,\nviolets are blue.\nSugar is sweet,\nand so are you.' },
    'one-token': { text: 'The' },
    empty: { text: '' },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too' },
  },
};

export default entry;
