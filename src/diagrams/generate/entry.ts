import { diagram } from '../kit/schema';
import { SAMPLER_FIELDS, TEXT_FIELD } from '../kit/decoding/fields';

export default diagram({
  id: 'generate',
  order: 144,
  title: 'Generate, token by token',
  chapter: '/decoding/',
  description:
    'Seeded step-by-step generation with the sampler chain: each token shows its probability, clicking one shows its alternatives, and choosing one forks the text there. The seed is in the link, so the link reproduces the text.',
  state: {
    text: TEXT_FIELD,
    ...SAMPLER_FIELDS,
    steps: { kind: 'int', min: 0, max: 100, default: 20, label: 'steps' },
    forks: { kind: 'string', maxLength: 400, default: '', label: 'forks' },
  },
  fixtures: {
    default: {},
    greedy: { order: 'temperature', temperature: 0 },
    penalised: { order: 'repetition_penalty,temperature', temperature: 0, repetition_penalty: 1.5 },
    forked: { forks: '2:262' },
    empty: { steps: 0 },
  },
});
