import { diagram } from '../kit/schema';

export default diagram({
  id: 'next-token',
  order: 10,
  title: 'Next-token guesses',
  chapter: '/',
  description: 'Type a prompt and see the ten tokens the model thinks most likely to come next, with their probabilities.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'The cat sat on the', label: 'prompt' },
  },
  fixtures: {
    default: {},
    'once-upon-a': { text: 'Once upon a' },
    empty: { text: '' },
    markup: { text: '<img src=x onerror=alert(1)> and then' },
  },
});
