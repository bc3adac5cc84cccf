/**
 * The texts the diagrams' precomputed examples are for (src/diagrams/examples.ts computes them
 * with the shipped model). The diagram registry uses the same ones as its defaults.
 */
export const EXAMPLE_TEXTS = {
  nextToken: 'The cat sat on the',
  attention: 'The cat sat on the mat because it was tired',
  // The same word in two contexts, traced through the layers (contextual-path).
  contextA: 'They sat on the bank of the river and watched the water.',
  contextB: 'She took her money to the bank and asked for a loan.',
  contextWord: 'bank',
  layers: 'Once upon a time there was a little',
  // The next-token chapter's window sentence and surprise paragraph; its prose quotes numbers
  // from both (src/data/examples/next-token-window.json holds one pass each).
  window: 'The capital of France is Paris.',
  // The architectures chapter's masks: a sentence holding a date, so the date-trained seq2seq works too.
  masks: 'We met on the 7th of December, 2026.',
  surprise: 'Once upon a time, a small fox lived at the edge of a quiet wood. Every night it counted the stars.',
} as const;
