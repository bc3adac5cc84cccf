/**
 * Made-up attention with the real shape, for the attention views' tests: they must not
 * change when the model is retrained. Rows sum to 1; keys after the query are 0.
 */
import type { AttentionView } from '../../../src/diagrams/kit/attention/view';

export const fixture: AttentionView = {
  text: 'The cat sat it',
  tokens: [
    { id: 513, text: 'The' },
    { id: 3241, text: ' cat' },
    { id: 1056, text: ' sat' },
    { id: 327, text: ' it' },
  ],
  // prettier-ignore
  weights: [
    1, 0, 0, 0,
    0.75, 0.25, 0, 0,
    0.5, 0.125, 0.375, 0,
    0.1, 0.6, 0.2, 0.1,
  ],
  layer: 1,
  head: 2,
};

export { key, mount, pointer } from './dom';
