import { diagram } from '../kit/schema';
import { attentionState, attentionFixtures } from '../kit/fields';

export default diagram({
  id: 'attention-matrix',
  order: 100,
  title: 'The attention matrix of one head',
  chapter: '/attention/',
  description:
    'Every query token’s attention to every key token for one head, as a grid; the later tokens a query cannot see are masked.',
  state: attentionState,
  fixtures: attentionFixtures,
});
