/**
 * The next-token game's registry entry. `sentence` is the 1-based id of a built-in sentence
 * (src/data/next-token-game.json); `round` r shows the first r tokens and asks for token r + 1,
 * clamped at run time to the sentence's T − 1 rounds, so the schema's bound is the context.
 */
import { ARCH } from '../../model/architecture';
import type { DiagramEntry, StateSchema } from '../kit/schema';
import game from '../../data/next-token-game.json' with { type: 'json' };

const GAME_SENTENCES = game.sentences;

const state = {
  sentence: { kind: 'int', min: 1, max: GAME_SENTENCES.length, default: 1, label: 'sentence' },
  round: { kind: 'int', min: 1, max: ARCH.context - 1, default: 3, label: 'round' },
} as const satisfies StateSchema;

const entry: DiagramEntry<typeof state> = {
  id: 'next-token-game',
  order: 16,
  title: 'Beat the model at its own game',
  chapter: '/next-token/',
  description:
    'See the start of a sentence, bet on the next token (one pick, or shares of 100 % across five candidates), then see the real token and the model’s odds; both are scored by log-loss.',
  state,
  fixtures: {
    default: {},
    'first-round': { sentence: 2, round: 1 },
    'last-sentence': { sentence: GAME_SENTENCES.length, round: 6 },
    'past-the-end': { sentence: 7, round: ARCH.context - 1 },
  },
};

export default entry;
