import { diagram } from '../kit/schema';

export default diagram({
  id: 'train-live',
  order: 148,
  title: 'Train a tiny model in your tab',
  chapter: '/training/',
  description:
    'A tiny character-level neural language model trains in a Web Worker on a paragraph written for this site or on your own text: play, pause, step and reset, with learning-rate and seed controls, a live loss curve and samples that improve.',
  state: {
    // Empty: the built-in paragraph (src/data/train-text.ts).
    text: { kind: 'string', maxLength: 4000, default: '', label: 'training text' },
    lr: { kind: 'log', min: 1e-4, max: 0.3, digits: 2, default: 0.01, label: 'learning rate' },
    seed: { kind: 'int', min: 1, max: 99_999, default: 1, label: 'seed' },
  },
  fixtures: {
    default: {},
    'seed-7': { seed: 7, lr: 0.003 },
    own: { text: 'abababab abab ba ba ab' },
  },
});
