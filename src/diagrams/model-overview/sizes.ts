/**
 * The shapes the picture is labelled with: this model's (ARCH, read from models.json, so a
 * retrain relabels it), or GPT-2 small's and GPT-3's, to show that theirs is the same
 * architecture, only larger. The numbers drawn are always this model's; only labels change.
 */
import { ARCH } from '../../model/architecture';

export const SIZES = ['ours', 'gpt2-small', 'gpt3'] as const;
export type SizeId = (typeof SIZES)[number];

export interface Shapes {
  name: string;
  /** Transformer blocks. */
  layers: number;
  /** Width of the residual stream, d. */
  width: number;
  heads: number;
  headDim: number;
  /** Hidden units of each MLP (4d in all three). */
  mlp: number;
  vocab: number;
  /** Longest input, in tokens. */
  context: number;
  /** Where the numbers come from. */
  cite: string;
}

export const SHAPES: Record<SizeId, Shapes> = {
  ours: {
    name: 'this model',
    ...ARCH,
    cite: 'This site’s model, as public/models/models.json describes it.',
  },
  // Radford et al. (2019), "Language Models are Unsupervised Multitask Learners", table 2 (the
  // 117 M model, 124 M counted with its embeddings), and OpenAI's released config (12 heads, 1,024 positions).
  'gpt2-small': {
    name: 'GPT-2 small',
    layers: 12,
    width: 768,
    heads: 12,
    headDim: 64,
    mlp: 3072,
    vocab: 50257,
    context: 1024,
    cite: 'GPT-2 small: Radford et al. (2019), “Language Models are Unsupervised Multitask Learners”, table 2, and the released configuration (12 heads, 1,024 positions).',
  },
  // Brown et al. (2020), "Language Models are Few-Shot Learners", table 2.1 (GPT-3 175B); it kept GPT-2's tokenizer.
  gpt3: {
    name: 'GPT-3',
    layers: 96,
    width: 12288,
    heads: 96,
    headDim: 128,
    mlp: 49152,
    vocab: 50257,
    context: 2048,
    cite: 'GPT-3 (175 B): Brown et al. (2020), “Language Models are Few-Shot Learners”, table 2.1; it kept GPT-2’s vocabulary of 50,257 tokens.',
  },
};

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The shape labels of each kind of stage, for one set of shapes, as the short lines a narrow card
 * stacks (joined with spaces they read as one phrase: "6 heads of 32, MLP 768").
 */
export function shapeLabels(s: Shapes): Record<'tokens' | 'embeddings' | 'block' | 'norm' | 'logits' | 'probs' | 'next', string[]> {
  return {
    tokens: ['[T] ids', `< ${n(s.vocab)}`],
    embeddings: [`[T × ${n(s.width)}]`],
    block: [`${s.heads} heads`, `of ${n(s.headDim)},`, `MLP ${n(s.mlp)}`],
    norm: [`[T × ${n(s.width)}]`],
    logits: [`[T × ${n(s.vocab)}]`],
    probs: [`[T × ${n(s.vocab)}]`, 'rows sum to 1'],
    next: [`1 of ${n(s.vocab)}`],
  };
}
