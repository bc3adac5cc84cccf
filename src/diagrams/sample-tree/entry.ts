import { diagram } from '../kit/schema';
import { SAMPLER_FIELDS, TEXT_FIELD } from '../kit/decoding/fields';

export default diagram({
  id: 'sample-tree',
  order: 148,
  title: 'A hundred samples as a tree',
  chapter: '/decoding/',
  description: 'Draw many short samples from one prompt and settings and merge them into a tree whose branch widths are the counts; raising the temperature fans it out.',
  state: {
    text: { ...TEXT_FIELD, default: 'I do not know what to' },
    temperature: { ...SAMPLER_FIELDS.temperature, default: 0.8 },
    top_p: { ...SAMPLER_FIELDS.top_p, default: 1 },
    seed: SAMPLER_FIELDS.seed,
    n: { kind: 'int', min: 10, max: 200, default: 100, label: 'samples' },
    length: { kind: 'int', min: 1, max: 4, default: 3, label: 'tokens per sample' },
  },
  fixtures: {
    default: {},
    cold: { temperature: 0.3 },
    hot: { temperature: 1.5, n: 50, length: 2 },
    'few-tokens': { length: 1 },
  },
});
