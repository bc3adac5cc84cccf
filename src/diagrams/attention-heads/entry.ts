import { ARCH } from '../../model/architecture';
import { diagram } from '../kit/schema';
import { attentionState } from '../kit/fields';

export default diagram({
  id: 'attention-heads',
  order: 110,
  title: 'Every head at once',
  chapter: '/attention/',
  description:
    `All ${ARCH.layers * ARCH.heads} heads (${ARCH.layers} layers × ${ARCH.heads} heads) side by side: where each one sends the attention of the token you pick, labelled with what that head was measured to do.`,
  state: { text: attentionState.text, token: attentionState.token },
  fixtures: {
    default: {},
    'first-token': { token: 1 },
    'the-dog': { text: 'The dog chased the ball until it was lost in the grass.', token: 8 },
    markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
    empty: { text: '' },
  },
});
