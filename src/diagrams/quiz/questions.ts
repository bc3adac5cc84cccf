/**
 * The quiz's questions that need no model: the tutorial's five, on its core themes, and the
 * chapter questions for scaling laws (from the Chinchilla formula) and architectures (a fact
 * about attention masks). The chapter questions that ask the model are in live.ts; all share
 * the `Question` shape, so the view never knows where a question came from.
 */
import { LAWS } from '../../math/scaling-laws';

export interface QuizOption {
  /** Stable within the question: what the reader's progress stores, and what the export names. */
  key: string;
  text: string;
}

/**
 * Where the correct answer comes from: written for the site (`fact`), a cited formula
 * (`formula`), the build-time run of the model (`example`) or the live model (`model`).
 */
export type QuestionSource = 'fact' | 'formula' | 'example' | 'model';

export interface Question {
  /** kebab-case; the URL's `set` lists these. */
  id: string;
  /** The chapter route the question belongs to. */
  chapter: string;
  group: 'tutorial' | 'chapter';
  source: QuestionSource;
  prompt: string;
  options: QuizOption[];
  /** The key of the one correct option. */
  correct: string;
  /** Shown once the reader has checked an answer. */
  explain: string;
  /** The diagram or section that shows the answer; `href` is site-relative (no base), e.g. "/attention/?layer=3". */
  link: { href: string; label: string };
}

/** A question as the model run gives it, before it is labelled example or live. */
export type Resolved = Omit<Question, 'source'>;

const letters = (texts: string[]): QuizOption[] => texts.map((text, i) => ({ key: 'abcdefgh'[i], text }));

export const TUTORIAL: readonly Question[] = [
  {
    id: 'tutorial-next-token',
    chapter: '/next-token/',
    group: 'tutorial',
    source: 'fact',
    prompt: 'What does a GPT-style language model compute each time it takes a step?',
    options: letters([
      'The meaning of the whole text, which it then puts into words',
      'A probability for every token in its vocabulary, for the token that comes next',
      'The one correct next word, looked up in a table of its training data',
      'A search for the most common continuation on the web',
    ]),
    correct: 'b',
    explain:
      'A language model is trained for one task: given the tokens so far, give every token in the vocabulary a probability of coming next. Writing text is that guess repeated, one token at a time.',
    link: { href: '/next-token/', label: 'Next-token prediction: the model’s guess at every position' },
  },
  {
    id: 'tutorial-tokenization',
    chapter: '/tokenization/',
    group: 'tutorial',
    source: 'fact',
    prompt: 'Why do language models read subword tokens rather than whole words or single letters?',
    options: letters([
      'Because a model can only read English, and subwords are English',
      'Because tokens make the model file smaller on disk',
      'A fixed set of subwords can spell any text, even new words, in far fewer steps than letters',
      'Because words carry no meaning for a model, and only letters do',
    ]),
    correct: 'c',
    explain:
      'Whole words would need an endless vocabulary and still miss new words; letters make every text many steps long. Byte-pair encoding keeps frequent words whole and spells rare ones from pieces, so any text fits a fixed vocabulary.',
    link: { href: '/tokenization/', label: 'Tokenization: live BPE tokens and the merges behind them' },
  },
  {
    id: 'tutorial-attention',
    chapter: '/attention/',
    group: 'tutorial',
    source: 'fact',
    prompt: 'What does self-attention let each token do?',
    options: letters([
      'Gather information from the tokens before it, weighted by how relevant each one is',
      'Look its meaning up in a dictionary stored inside the model',
      'Read the tokens after it, so it knows how the sentence ends',
      'Drop the tokens the model finds unimportant, to save work',
    ]),
    correct: 'a',
    explain:
      'Each token’s query is scored against the keys of the tokens it can see; a softmax turns the scores into weights, and the token takes that weighted mix of their values. In a GPT the mask hides later tokens, so it only looks back.',
    link: { href: '/attention/', label: 'Self-attention: where each token looks' },
  },
  {
    id: 'tutorial-in-context',
    chapter: '/abilities/',
    group: 'tutorial',
    source: 'fact',
    prompt:
      'A large model translates a new word correctly after three example translations in the prompt. What is this, and what changed inside the model?',
    options: letters([
      'Fine-tuning: the examples in the prompt updated its weights',
      'In-context learning: no weight changed; the examples in the prompt steer its next-token guesses',
      'Emergence: the model grew new layers to handle the task',
      'Retrieval: the model looked the translation up online',
    ]),
    correct: 'b',
    explain:
      'In-context (few-shot) learning happens in a single forward pass: the weights stay fixed, and attention reads the pattern off the examples. Induction heads, which find an earlier copy of the current token and look at what followed it, are one mechanism behind it.',
    link: { href: '/abilities/#learning-from-the-prompt', label: 'Learning from the prompt: induction heads on our model' },
  },
  {
    id: 'tutorial-hallucination',
    chapter: '/abilities/',
    group: 'tutorial',
    source: 'fact',
    prompt: 'What is a “hallucination” in a language model?',
    options: letters([
      'An error message the model gives when it does not know an answer',
      'Text the model copies word for word from its training data',
      'A glitch that only happens when the temperature is above 1',
      'Fluent, confident text that is false: the model writes likely tokens, not checked facts',
    ]),
    correct: 'd',
    explain:
      'The model is trained to continue text plausibly, not to check it. A confident, well-formed answer and a true one are different things, and nothing in next-token prediction tells them apart.',
    link: { href: '/abilities/#fluent-is-not-true', label: 'Fluent is not true: confidence against correctness' },
  },
];

/** Chinchilla's own budget (Hoffmann et al. 2022), the scaling-laws diagram's default C in FLOPs. */
const CHINCHILLA_C = 5.88e23;

/** "about 67 billion": two significant figures, in words a reader says aloud. */
export function aboutParams(n: number): string {
  const [v, unit] = n >= 1e12 ? [n / 1e12, 'trillion'] : n >= 1e9 ? [n / 1e9, 'billion'] : [n / 1e6, 'million'];
  return `about ${Number(v.toPrecision(2))} ${unit} parameters`;
}

function scalingQuestion(): Question {
  const law = LAWS.chinchilla;
  const { N, D } = law.optimal(CHINCHILLA_C);
  // The right size and three off by the factors a reader might guess (a tenth, three and ten times).
  const options = [0.1, 1, 3, 10].map((f, i) => ({ key: `x${i}`, text: aboutParams(N * f) }));
  return {
    id: 'chapter-scaling-laws',
    chapter: '/scaling-laws/',
    group: 'chapter',
    source: 'formula',
    prompt: `With a compute budget of 5.88 × 10²³ FLOPs (C ≈ 6 N D), which model size does the Chinchilla law (${law.source}) call compute-optimal?`,
    options,
    correct: 'x1',
    explain: `Minimising the fitted loss along 6 N D = C gives ${aboutParams(N)} trained on about ${Number((D / 1e12).toPrecision(2))} trillion tokens, about ${Math.round(D / N)} tokens per parameter. A bigger model on fewer tokens, or a smaller one on more, reaches a higher loss for the same compute.`,
    link: { href: '/scaling-laws/', label: 'Scaling laws: the compute-optimal split' },
  };
}

const ARCHITECTURES: Question = {
  id: 'chapter-architectures',
  chapter: '/architectures/',
  group: 'chapter',
  source: 'fact',
  prompt: 'Which kind of transformer lets every token attend to the tokens both before and after it?',
  options: letters([
    'A decoder, like GPT',
    'An encoder, like BERT',
    'None: attention can only ever look back',
    'Only the cross-attention of an encoder–decoder',
  ]),
  correct: 'b',
  explain:
    'An encoder has no causal mask, so each token sees the whole input: good for understanding a text, but it cannot generate left to right. A decoder masks later tokens so that it can be trained to predict each next one.',
  link: { href: '/architectures/', label: 'Encoder, decoder, both: the masks side by side' },
};

/** The chapter questions that need no model, by id. */
export const STATIC_CHAPTER: Readonly<Record<string, Question>> = {
  'chapter-scaling-laws': scalingQuestion(),
  'chapter-architectures': ARCHITECTURES,
};
