import { diagram } from '../kit/schema';
import { ARCH } from '../../model/architecture';

export default diagram({
  id: 'gradient-step',
  order: 148,
  title: 'One real step of gradient descent',
  chapter: '/training/',
  description:
    'One step of gradient descent on the model’s output layer for one position of your sentence: the loss, its gradient p − y, the update of the unembedding, and the distribution after the step; a learning-rate slider shows too small, good and too large.',
  state: {
    text: { kind: 'string', maxLength: 2000, default: 'The cat sat on the mat because it was warm.', label: 'sentence' },
    // 1-based: the step teaches the model the token after this one.
    position: { kind: 'int', min: 1, max: ARCH.context - 1, default: 5, label: 'position' },
    lr: { kind: 'log', min: 1e-6, max: 1, digits: 2, default: 1e-3, label: 'learning rate' },
  },
  fixtures: {
    default: {},
    'too-small': { lr: 1e-6 },
    overshoot: { lr: 0.1 },
    'first-position': { position: 1 },
    markup: { text: '<img src=x onerror=alert(1)> and then', position: 2 },
  },
});
