/**
 * The quiz's registry entry. `set` lists question ids, comma-separated, in the order shown, so a
 * course links a set of its own (`?set=tutorial-attention,chapter-attention`); '' is the whole
 * quiz. Unknown ids are dropped with a note (quiz.ts, parseSet). A chapter ends with a set of one.
 */
import { diagram } from '../kit/schema';

export default diagram({
  id: 'quiz',
  order: 198,
  title: 'Check yourself',
  chapter: '/abilities/',
  description:
    'Multiple-choice questions on the tutorial’s core ideas, and one per chapter whose answer comes from the model itself: its top guess, its tokens, its heads. Answers come with an explanation and a link to the diagram that shows them; progress stays in this browser.',
  state: {
    set: { kind: 'string', maxLength: 600, default: '', label: 'question set' },
  },
  fixtures: {
    default: {},
    'one-live': { set: 'chapter-next-token' },
    tutorial: { set: 'tutorial-next-token,tutorial-tokenization,tutorial-attention,tutorial-in-context,tutorial-hallucination' },
    'one-fact': { set: 'chapter-architectures' },
  },
});
