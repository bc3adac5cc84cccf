import { diagram } from '../kit/schema';

export default diagram({
  id: 'emergence',
  order: 194,
  title: 'Emergent abilities, the metric behind them, and chain of thought',
  chapter: '/abilities/',
  description:
    'Published results, cited: few-shot arithmetic accuracy of the GPT-3 sizes against training compute, the same numbers as per-token accuracy (the metric change of Schaeffer et al. 2023), the compute at which Wei et al. 2022 saw each ability emerge beside our own models, and chain-of-thought prompting on GSM8K by model size.',
  state: {
    panel: { kind: 'enum', values: ['arithmetic', 'thresholds', 'gsm8k'], default: 'arithmetic', label: 'panel' },
    task: { kind: 'enum', values: ['add2', 'add3', 'add4', 'mul2'], default: 'add3', label: 'arithmetic task' },
    // "exact": all-or-nothing, as published; "per-token": what exact match implies per digit.
    metric: { kind: 'enum', values: ['exact', 'per-token'], default: 'exact', label: 'metric' },
  },
  fixtures: {
    default: {},
    'per-token-add4': { task: 'add4', metric: 'per-token' },
    thresholds: { panel: 'thresholds' },
    gsm8k: { panel: 'gsm8k' },
  },
});
