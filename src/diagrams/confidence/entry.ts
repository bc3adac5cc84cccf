/**
 * The confidence registry entry: factual prompts with the model's top guesses, each marked right
 * or wrong against the answer, and a chart of confidence (top-1 p) against correctness. `added`
 * holds the reader's own prompts, one line each: "prompt | answer".
 */
import { diagram, type StateSchema } from '../kit/schema';

const state = {
  added: { kind: 'string', maxLength: 1200, default: '', label: 'added prompts' },
} as const satisfies StateSchema;

export default diagram({
  id: 'confidence',
  order: 192,
  title: 'Confident is not correct',
  chapter: '/abilities/',
  description:
    'Factual prompts with the model’s top guesses and their probabilities, each marked right or wrong: how sure the model is says little about whether it is right. Add your own prompt and answer.',
  state,
  fixtures: {
    default: {},
    added: { added: 'The opposite of hot is | cold\nBees make | honey' },
    markup: { added: '<img src=x onerror=alert(1)> | </script>' },
  },
});
