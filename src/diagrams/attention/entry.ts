import { diagram } from '../kit/schema';
import { attentionState, attentionFixtures } from '../kit/fields';

export default diagram({
  id: 'attention',
  order: 90,
  title: 'Where a token attends',
  chapter: '/attention/',
  description:
    'Pick a token of your sentence, a layer and a head, and see how the model spreads that token’s attention over the tokens before it.',
  state: attentionState,
  fixtures: attentionFixtures,
});
