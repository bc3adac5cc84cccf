import { diagram } from '../kit/schema';
import { scaleN, scaleD } from '../kit/fields';

export default diagram({
  id: 'scaling-laws',
  order: 150,
  title: 'Loss, model size and data',
  chapter: '/scaling-laws/',
  description:
    'Slide the model size N and the training tokens D (or fix the compute C = 6ND and slide the split) and see the loss a published scaling law predicts, with famous models on the same axes.',
  state: {
    N: scaleN,
    D: scaleD,
    // 6 significant figures: enough to hold 6·N·D of two 3-figure numbers exactly.
    C: { kind: 'log', min: 6e14, max: 6e27, digits: 6, default: 5.88e23, label: 'compute C' },
    law: { kind: 'enum', values: ['chinchilla', 'epoch', 'kaplan'], default: 'chinchilla', label: 'law' },
  },
  fixtures: {
    default: {},
    'gpt-3-epoch': { N: 1.75e11, D: 3e11, C: 3.15e23, law: 'epoch' },
    'llama-2-7b-kaplan': { N: 7e9, D: 2e12, C: 8.4e22, law: 'kaplan' },
    'site-model': { N: 4.3e6, D: 1e8, C: 2.58e15 },
  },
});
