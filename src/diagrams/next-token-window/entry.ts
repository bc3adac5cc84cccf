/**
 * The next-token window's registry entry. `position` is the 1-based position of the target
 * token (the model has seen position − 1 tokens); 1 has nothing to guess from and a value past
 * the text is clamped at run time (to 2 … T), so the schema's bound is the model's context.
 */
import { ARCH } from '../../model/architecture';
import { EXAMPLE_TEXTS } from '../../model/examples';
import type { DiagramEntry, StateSchema } from '../kit/schema';

const state = {
  text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.window, label: 'text' },
  // 6 is " Paris" in the default text.
  position: { kind: 'int', min: 1, max: ARCH.context, default: 6, label: 'position' },
} as const satisfies StateSchema;

const entry: DiagramEntry<typeof state> = {
  id: 'next-token-window',
  order: 12,
  title: 'Every position’s guess',
  chapter: '/next-token/',
  description:
    'One forward pass over your sentence scores every position at once: what the model saw, its top five guesses, and what the true next token cost it (probability, loss in nats, rank among all tokens).',
  state,
  fixtures: {
    default: {},
    'first-guess': { position: 2 },
    story: { text: 'Once upon a time, a small fox lived at the edge of a quiet wood.', position: 10 },
    'one-token': { text: 'The', position: 1 },
    empty: { text: '' },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', position: 4 },
    'past-the-end': { position: ARCH.context },
  },
};

export default entry;
