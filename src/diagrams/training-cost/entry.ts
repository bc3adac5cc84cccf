import { diagram } from '../kit/schema';
import { acceleratorState, scaleN, scaleD } from '../kit/fields';

export default diagram({
  id: 'training-cost',
  order: 170,
  title: 'What training costs in GPU-days',
  chapter: '/scaling-laws/',
  description:
    'Training FLOPs (6·N·D) turned into accelerator-days at a chosen peak speed and utilisation, next to published and estimated figures for well-known models.',
  state: {
    N: scaleN,
    D: { ...scaleD, default: 2e12 },
    ...acceleratorState,
  },
  fixtures: {
    default: {},
    'gpt-3-v100': { N: 1.75e11, D: 3e11, gpu: 'v100', mfu: 0.3 },
    'small-h100': { N: 1.24e8, D: 1e10, gpu: 'h100', mfu: 0.5 },
  },
});
