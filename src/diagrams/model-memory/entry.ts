import { diagram } from '../kit/schema';

export default diagram({
  id: 'model-memory',
  order: 160,
  title: 'Memory to hold a model',
  chapter: '/scaling-laws/',
  description:
    'Parameters × bytes per parameter: the memory for a model’s weights at inference in each number format, and for training with Adam in mixed precision.',
  state: {
    N: { kind: 'log', min: 1e6, max: 2e12, digits: 3, default: 7e9, label: 'parameters N' },
    dtype: { kind: 'enum', values: ['fp32', 'fp16', 'bf16', 'int8', 'int4'], default: 'fp16', label: 'number format' },
  },
  fixtures: {
    default: {},
    'site-model-int8': { N: 4.3e6, dtype: 'int8' },
    'gpt-3-int4': { N: 1.75e11, dtype: 'int4' },
  },
});
