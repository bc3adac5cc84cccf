import { diagram } from '../kit/schema';

export default diagram({
  id: 'checkpoints',
  order: 147,
  title: 'What the model believed at step s',
  chapter: '/training/',
  description:
    'Scrub through checkpoints kept from the shipped model’s own training run and see, for your prompt, each one’s next-token guesses and a short greedy continuation: noise, then letter frequencies, then words, then phrases.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'Once upon a time there was a', label: 'prompt' },
    // A training step; snapped at run time to the nearest checkpoint models.json lists. 0 is the random initialisation.
    step: { kind: 'int', min: 0, max: 10_000_000, default: 10_000_000, label: 'training step' },
  },
  fixtures: {
    default: {},
    init: { step: 0 },
    early: { step: 500, text: 'The cat sat on the' },
    empty: { text: '' },
  },
});
