import { diagram } from '../kit/schema';

export default diagram({
  id: 'loss-curve',
  order: 146,
  title: 'How this model learned: its own loss curve',
  chapter: '/training/',
  description:
    'The shipped model’s training and held-out loss from its training log, in nats per token or bits per byte, against steps or tokens seen, with the learning-rate schedule and the kept checkpoints; read any logged step exactly.',
  state: {
    x: { kind: 'enum', values: ['step', 'tokens'], default: 'step', label: 'horizontal axis' },
    unit: { kind: 'enum', values: ['nats', 'bpb'], default: 'nats', label: 'loss unit' },
    // A logged step to read out; 0 reads the last one.
    at: { kind: 'int', min: 0, max: 1_000_000, default: 0, label: 'step read out' },
  },
  fixtures: {
    default: {},
    tokens: { x: 'tokens' },
    'bits-per-byte': { unit: 'bpb', at: 5000 },
    'early-step': { at: 100 },
  },
});
