/**
 * The chapter questions that ask the model. Each resolver takes a `QuizModel` (the live worker in
 * the page, the Node model in src/examples/quiz.ts) and returns the question with its options and
 * correct answer read off that run, so no answer is ever typed by hand: the build-time example
 * and the live model go through the same code.
 */
import type { HeadScores, SideFiles } from '../../model/assets';
import { lensTop } from '../../math/logit-lens';
import { showToken, percent } from '../kit/tokens';
import type { QuizOption, Resolved } from './questions';

/** What the resolvers need from a model, the same in the page and in Node. */
export interface QuizModel {
  nextTokens(text: string, k: number): Promise<{ top: { id: number; text: string; p: number }[] }>;
  tokenize(text: string): Promise<{ tokens: { id: number; text: string }[] }>;
  /** heads.json (per-head pattern scores). */
  heads(): Promise<HeadScores>;
  /** ln_f and the unembedding (wte). */
  side(): Promise<SideFiles>;
  /** Each token id's text. */
  vocab(): Promise<string[]>;
  /** The residual stream at the text's last token, one vector (length d) per layer 0…L. */
  lastHidden(text: string): Promise<Float32Array[]>;
}

export interface LiveSpec {
  id: string;
  chapter: string;
  resolve(m: QuizModel): Promise<Resolved>;
}

/** The texts the live questions ask about; the links open the diagrams on the same texts. */
export const QUIZ_TEXTS = {
  nextToken: 'The cat sat on the',
  word: 'unbelievably',
  neighbourOf: ' king',
  neighbours: [' queen', ' river', ' walked', ' blue'],
  layers: 'Once upon a time there was a little',
  decoding: 'Once upon a time',
  topP: 0.9,
  training: 'Once upon a time there was a',
  abilities: 'The capital of France is',
  abilitiesAnswer: ' Paris',
} as const;

/** A token as the diagrams show it ("␣king"), in quotes. */
const q = (text: string) => `“${showToken(text)}”`;
/** A prompt as the reader would type it, in quotes. */
const said = (text: string) => `“${text}”`;
const enc = encodeURIComponent;

/** FNV-1a over a string: a stable seed, so the same question shows its options in the same order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Options in an order that depends only on the question and its option keys, not on which one is right. */
export function shuffled(id: string, options: QuizOption[]): QuizOption[] {
  return [...options].sort((a, b) => hash(`${id}|${a.key}`) - hash(`${id}|${b.key}`) || a.key.localeCompare(b.key));
}

/** Whole numbers near `n` (and `n`), distinct and ≥ 1, ascending; `extra` values come first when they fit. */
export function nearCounts(n: number, extra: number[] = [], count = 4): number[] {
  const out = new Set<number>([n]);
  for (const v of [...extra, n + 1, n - 1, n + 2, n - 2, n + 3, n + 4]) if (out.size < count && v >= 1 && Number.isInteger(v)) out.add(v);
  return [...out].sort((a, b) => a - b);
}

const numberOptions = (values: number[], text: (v: number) => string): QuizOption[] => values.map((v) => ({ key: `n${v}`, text: text(v) }));

async function topTokenQuestion(id: string, chapter: string, m: QuizModel, text: string, href: string, label: string): Promise<Resolved> {
  const { top } = await m.nextTokens(text, 4);
  const [first, second] = top;
  return {
    id,
    chapter,
    group: 'chapter',
    prompt: `After ${said(text)}, which token does the model rank first?`,
    options: shuffled(id, top.map((t) => ({ key: `t${t.id}`, text: q(t.text) }))),
    correct: `t${first.id}`,
    explain: `It gives ${q(first.text)} ${percent(first.p)}, ahead of ${q(second.text)} at ${percent(second.p)}. The model scores every token of its vocabulary; the highest is its top guess.`,
    link: { href, label },
  };
}

const nextToken: LiveSpec = {
  id: 'chapter-next-token',
  chapter: '/next-token/',
  resolve: (m) =>
    topTokenQuestion('chapter-next-token', '/next-token/', m, QUIZ_TEXTS.nextToken, `/?text=${enc(QUIZ_TEXTS.nextToken)}`, 'Next-token guesses for this prompt'),
};

const tokenization: LiveSpec = {
  id: 'chapter-tokenization',
  chapter: '/tokenization/',
  async resolve(m) {
    const { tokens } = await m.tokenize(QUIZ_TEXTS.word);
    const n = tokens.length;
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `How many tokens does the model’s tokenizer split the word ${said(QUIZ_TEXTS.word)} into?`,
      options: numberOptions(nearCounts(n), String),
      correct: `n${n}`,
      explain: `${n} token${n === 1 ? '' : 's'}: ${tokens.map((t) => q(t.text)).join(' + ')}. Frequent words get a token of their own; rarer ones are spelled from pieces the byte-pair merges learned.`,
      link: { href: `/tokenization/?text=${enc(QUIZ_TEXTS.word)}`, label: 'The tokenizer on this word' },
    };
  },
};

function cosine(w: ArrayLike<number>, d: number, a: number, b: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let c = 0; c < d; c++) {
    const x = w[a * d + c];
    const y = w[b * d + c];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

const embeddings: LiveSpec = {
  id: 'chapter-embeddings',
  chapter: '/embeddings/',
  async resolve(m) {
    const [{ unembedding: un }, vocab] = await Promise.all([m.side(), m.vocab()]);
    const idOf = (text: string) => {
      const i = vocab.indexOf(text);
      if (i < 0) throw new Error(`quiz: ${q(text)} is not one token of the vocabulary`);
      return i;
    };
    const target = idOf(QUIZ_TEXTS.neighbourOf);
    const rows = QUIZ_TEXTS.neighbours.map((t) => ({ id: idOf(t), text: t, cos: cosine(un.wte, un.d, target, idOf(t)) }));
    const best = rows.reduce((a, b) => (b.cos > a.cos ? b : a));
    const ranked = [...rows].sort((a, b) => b.cos - a.cos);
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `Which of these tokens lies closest to ${q(QUIZ_TEXTS.neighbourOf)} in the model’s embedding space (by cosine similarity)?`,
      options: shuffled(this.id, rows.map((r) => ({ key: `t${r.id}`, text: q(r.text) }))),
      correct: `t${best.id}`,
      explain: `Cosine similarity with ${q(QUIZ_TEXTS.neighbourOf)}: ${ranked.map((r) => `${q(r.text)} ${r.cos.toFixed(3)}`).join(', ')}. Tokens used in similar contexts end up with similar embedding vectors.`,
      link: { href: `/embeddings/?token=${target}`, label: `The embedding space, with ${q(QUIZ_TEXTS.neighbourOf)} selected` },
    };
  },
};

/** The head (0-based) with the highest mean score on one probe. */
function strongest(grid: number[][]): { layer: number; head: number; score: number } {
  let best = { layer: 0, head: 0, score: -Infinity };
  grid.forEach((row, layer) => row.forEach((score, head) => score > best.score && (best = { layer, head, score })));
  return best;
}

const headName = (h: { layer: number; head: number }) => `Layer ${h.layer + 1}, head ${h.head + 1}`;

const attention: LiveSpec = {
  id: 'chapter-attention',
  chapter: '/attention/',
  async resolve(m) {
    const h = await m.heads();
    const prev = strongest(h.scores.previous_token);
    // Distractors: the strongest head of each other pattern, so each option is a real, notable head.
    const others = (['first_token', 'self', 'induction', 'pronoun'] as const)
      .filter((k) => h.scores[k])
      .map((k) => strongest(h.scores[k]))
      .filter((o, i, all) => (o.layer !== prev.layer || o.head !== prev.head) && all.findIndex((x) => x.layer === o.layer && x.head === o.head) === i)
      .slice(0, 3);
    const key = (x: { layer: number; head: number }) => `L${x.layer + 1}H${x.head + 1}`;
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: 'Which head of our model is its strongest previous-token head: the one that, over many probe texts, puts the most attention on the token just before?',
      options: shuffled(this.id, [prev, ...others].map((x) => ({ key: key(x), text: headName(x) }))),
      correct: key(prev),
      explain: `${headName(prev)} puts ${percent(prev.score)} of its attention on the previous token, on average over the probes in heads.json. The other options are the strongest heads of other patterns (the first token, the token itself, induction).`,
      link: { href: `/attention/?layer=${prev.layer + 1}&head=${prev.head + 1}`, label: `Self-attention, showing ${headName(prev).toLowerCase()}` },
    };
  },
};

const layerName = (l: number) => (l === 0 ? 'Layer 0 (the embeddings alone)' : `After layer ${l}`);

const layers: LiveSpec = {
  id: 'chapter-layers',
  chapter: '/layers/',
  async resolve(m) {
    const [hidden, side, vocab] = await Promise.all([m.lastHidden(QUIZ_TEXTS.layers), m.side(), m.vocab()]);
    const tops = hidden.map((h) => lensTop(h, side.norm, side.unembedding, 1)[0]);
    const final = tops[tops.length - 1];
    const first = tops.findIndex((t) => t.id === final.id);
    const L = tops.length - 1;
    const picks = Array.from({ length: L + 1 }, (_, l) => l)
      .sort((a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b)
      .slice(0, 4)
      .sort((a, b) => a - b);
    const tokens = (await m.tokenize(QUIZ_TEXTS.layers)).tokens.length;
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `After ${said(QUIZ_TEXTS.layers)}, the model’s final top guess is ${q(vocab[final.id])}. Reading the residual stream through the logit lens, where does ${q(vocab[final.id])} first come out on top?`,
      options: picks.map((l) => ({ key: `l${l}`, text: layerName(l) })),
      correct: `l${first}`,
      explain: `The lens first ranks ${q(vocab[final.id])} on top ${first === 0 ? 'already at the embeddings' : `after layer ${first}`}, at ${percent(tops[first].p)}.${first > 0 ? ` Before that, from layer 0 up, it reads ${tops.slice(0, first).map((t) => q(vocab[t.id])).join(', ')}.` : ''} Each layer adds to the same stream, and the guess takes shape as it goes.`,
      link: { href: `/layers/?text=${enc(QUIZ_TEXTS.layers)}&token=${tokens}&lens=${first}`, label: `The logit lens on this text, at layer ${first}` },
    };
  },
};

const decoding: LiveSpec = {
  id: 'chapter-decoding',
  chapter: '/decoding/',
  async resolve(m) {
    const vocab = await m.vocab();
    const { top } = await m.nextTokens(QUIZ_TEXTS.decoding, vocab.length);
    // Top-p keeps the smallest set of most likely tokens whose probabilities add up to at least p.
    let n = 0;
    let mass = 0;
    while (n < top.length && mass < QUIZ_TEXTS.topP) mass += top[n++].p;
    const before = mass - top[n - 1].p;
    // Two decimals: the last token kept may move the sum by far less than 0.1 %.
    const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
    const values = nearCounts(n, [Math.max(1, Math.round(n / 4)), n * 4, vocab.length]);
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `After ${said(QUIZ_TEXTS.decoding)}, how many tokens does top-p sampling with p = ${QUIZ_TEXTS.topP} keep to choose from?`,
      options: numberOptions(values, (v) => (v === vocab.length ? `${v} (the whole vocabulary)` : String(v))),
      correct: `n${n}`,
      explain: `The ${n} most likely tokens add up to ${pct(mass)}${n > 1 ? `; the first ${n - 1} reach only ${pct(before)}` : ''}. How many survive depends on how sure the model is: a flat distribution keeps many, a peaked one few.`,
      link: { href: `/decoding/?text=${enc(QUIZ_TEXTS.decoding)}&order=top_p&top_p=${QUIZ_TEXTS.topP}`, label: 'The sampler chain with top-p alone' },
    };
  },
};

const training: LiveSpec = {
  id: 'chapter-training',
  chapter: '/training/',
  async resolve(m) {
    const vocab = await m.vocab();
    const { top } = await m.nextTokens(QUIZ_TEXTS.training, 1);
    const t = top[0];
    const fmt = (v: number) => `${v.toFixed(2)} nats`;
    // The right loss and the usual slips: 1 − p, the wrong logarithm, and a uniform guess's ln V.
    const values = [-Math.log(t.p), 1 - t.p, -Math.log10(t.p), Math.log(vocab.length)];
    const options = values.map((v, i) => ({ key: `v${i}`, text: fmt(v) })).filter((o, i, all) => all.findIndex((x) => x.text === o.text) === i);
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `After ${said(QUIZ_TEXTS.training)}, the model gives ${q(t.text)} a probability of ${percent(t.p)}. If ${q(t.text)} really comes next, what cross-entropy loss does training charge?`,
      options: shuffled(this.id, options),
      correct: 'v0',
      explain: `The loss is −ln p = −ln ${t.p.toFixed(4)} = ${fmt(-Math.log(t.p))}. A certain, correct guess costs 0; an untrained model spreading its bet evenly over ${vocab.length} tokens pays ln ${vocab.length} = ${fmt(Math.log(vocab.length))}. Training lowers the average of this loss.`,
      link: { href: '/training/', label: 'Training: cross-entropy and gradient descent' },
    };
  },
};

const abilities: LiveSpec = {
  id: 'chapter-abilities',
  chapter: '/abilities/',
  async resolve(m) {
    const vocab = await m.vocab();
    const { top } = await m.nextTokens(QUIZ_TEXTS.abilities, vocab.length);
    const rank = top.findIndex((t) => t.text === QUIZ_TEXTS.abilitiesAnswer);
    // The model's top three, and the true answer as the fourth option when it is not among them.
    const shown = rank >= 0 && rank < 4 ? top.slice(0, 4) : [...top.slice(0, 3), ...(rank >= 0 ? [top[rank]] : [top[3]])];
    const truth = rank >= 0 ? `${q(QUIZ_TEXTS.abilitiesAnswer)}, the true answer, gets ${percent(top[rank].p)} (rank ${rank + 1}).` : '';
    return {
      id: this.id,
      chapter: this.chapter,
      group: 'chapter',
      prompt: `Which token does the model rank first after ${said(QUIZ_TEXTS.abilities)}?`,
      options: shuffled(this.id, shown.map((t) => ({ key: `t${t.id}`, text: q(t.text) }))),
      correct: `t${top[0].id}`,
      explain: `It puts ${q(top[0].text)} first at ${percent(top[0].p)}. ${truth} A fluent, confident continuation is not a checked fact: this is a hallucination in miniature.`,
      link: { href: '/abilities/#fluent-is-not-true', label: 'Fluent is not true: confidence against correctness' },
    };
  },
};

/** In chapter order; scaling laws and architectures are in questions.ts (no model needed). */
export const LIVE: readonly LiveSpec[] = [nextToken, tokenization, embeddings, attention, layers, decoding, training, abilities];
