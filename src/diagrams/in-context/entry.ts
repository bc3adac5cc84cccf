/**
 * The in-context registry entry: the reader's sequence read `repeat` times; the loss on each copy
 * and the strongest induction head's attention to the token after each earlier occurrence.
 */
import { diagram, type StateSchema } from '../kit/schema';

/** Made-up names written for this project: no text the model trained on holds this list. */
export const DEFAULT_SEQUENCE = 'Tomas Ilse Brant Oriel Kaveh Nadia Pell Ursin Maelis Joost';

const state = {
  // 200 characters at most: four copies must fit the model's 256-token context in all but odd texts.
  text: { kind: 'string', maxLength: 200, default: DEFAULT_SEQUENCE, label: 'sequence' },
  repeat: { kind: 'int', min: 2, max: 4, default: 2, label: 'copies' },
} as const satisfies StateSchema;

export default diagram({
  id: 'in-context',
  order: 190,
  title: 'Learning from the prompt: copying a sequence',
  chapter: '/abilities/',
  description:
    'The model reads your sequence twice: its loss drops on the second copy, and its strongest induction head attends from each token to the token that followed it the first time.',
  state,
  fixtures: {
    default: {},
    three: { repeat: 3 },
    words: { text: 'moss lantern quill fjord ember sable crane tidal orbit plume' },
    short: { text: 'Ab' },
    empty: { text: '' },
    markup: { text: '<img src=x onerror=alert(1)> </script>' },
  },
});
