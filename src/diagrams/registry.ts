/**
 * The one list of diagrams. Embed routes (`src/pages/embed/[id].astro`), the gallery and the
 * tests are generated from it, so adding a diagram starts here.
 */
import type { DiagramEntry, StateSchema } from './schema';

/** Identity helper that keeps each entry's literal schema type while checking its shape. */
function diagram<S extends StateSchema>(entry: DiagramEntry<S>): DiagramEntry<S> {
  return entry;
}

export const nextToken = diagram({
  id: 'next-token',
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

export const diagrams = [nextToken] as const;

export function getDiagram(id: string): DiagramEntry | undefined {
  return diagrams.find((d) => d.id === id) as DiagramEntry | undefined;
}
