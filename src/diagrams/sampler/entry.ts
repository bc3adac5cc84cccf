import { diagram } from '../kit/schema';
import { SAMPLER_FIELDS, TEXT_FIELD } from '../kit/decoding/fields';

export default diagram({
  id: 'sampler',
  order: 142,
  title: 'The sampler chain, one step',
  chapter: '/decoding/',
  description:
    'The model’s next-token distribution for your prompt, each sampler’s cut in turn with the mass it kept, the renormalised result, and the seeded random draw that picks a token.',
  state: { text: TEXT_FIELD, ...SAMPLER_FIELDS },
  fixtures: {
    default: {},
    greedy: { order: 'temperature', temperature: 0 },
    'every-sampler': { order: 'repetition_penalty,no_repeat_ngram,temperature,top_k,top_p,min_p,typical_p', top_k: 20, seed: 7 },
    none: { order: '' },
    hot: { order: 'temperature,min_p', temperature: 1.6, min_p: 0.1 },
  },
});
