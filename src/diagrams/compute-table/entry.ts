import { diagram } from '../kit/schema';
import { acceleratorState } from '../kit/fields';

export default diagram({
  id: 'compute-table',
  order: 149,
  title: 'What training took, from GPT-2 to our model',
  chapter: '/training/',
  description:
    'Parameters N, training tokens D and C ≈ 6·N·D for GPT-2, GPT-3, Llama 2 70B, GPT-4 and this site’s model, with accelerator-days at a stated utilisation; every number has its source.',
  state: { ...acceleratorState },
  fixtures: {
    default: {},
    'v100-30': { gpu: 'v100', mfu: 0.3 },
    'h100-50': { gpu: 'h100', mfu: 0.5 },
  },
});
