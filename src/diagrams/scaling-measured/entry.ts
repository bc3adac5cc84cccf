import { diagram } from '../kit/schema';

export default diagram({
  id: 'scaling-measured',
  order: 180,
  title: 'Our own scaling law, measured',
  chapter: '/scaling-laws/',
  description:
    'Held-out losses of a family of small models trained with this site’s recipe at several sizes and token budgets, the law L(N, D) fitted to them in your browser, and the residuals.',
  state: {
    val: { kind: 'enum', values: ['gutenberg', 'brown'], default: 'gutenberg', label: 'held-out text' },
    // Kaplan et al. counted non-embedding parameters; Hoffmann et al. counted all of them.
    params: { kind: 'enum', values: ['total', 'non-embedding'], default: 'total', label: 'parameters counted' },
  },
  fixtures: {
    default: {},
    'brown-non-embedding': { val: 'brown', params: 'non-embedding' },
  },
});
