import { diagram } from '../kit/schema';
import { TEXT_FIELD } from '../kit/decoding/fields';

export default diagram({
  id: 'beam-search',
  order: 146,
  title: 'Beam search against greedy',
  chapter: '/decoding/',
  description: 'A tree of the beams over a few steps with their cumulative log-probabilities, the pruned branches greyed out, and the result compared with greedy decoding.',
  state: {
    text: { ...TEXT_FIELD, default: 'The dog has' },
    width: { kind: 'int', min: 1, max: 5, default: 2, label: 'num_beams' },
    steps: { kind: 'int', min: 1, max: 6, default: 3, label: 'steps' },
    length_penalty: { kind: 'number', min: 0, max: 2, step: 0.1, default: 1, label: 'length_penalty' },
  },
  fixtures: {
    default: {},
    wide: { width: 4, steps: 4 },
    'one-beam': { width: 1 },
  },
});
