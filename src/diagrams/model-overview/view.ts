/**
 * The overview's words: each stage's one-line description (the summary line and the table's
 * rows, the text alternative), its shape label for the chosen sizes, and the options render
 * takes. Pure and DOM-free.
 */
import type { Chart, ChartOptions } from '../kit/chart';
import { percent, showToken } from '../kit/tokens';
import type { OverviewView } from './data';
import { shapeLabels, SHAPES, type SizeId } from './sizes';
import { kindOf, layerOf, stageName, type LinkContext } from './stages';

type Gsap = typeof import('gsap').gsap;

export interface OverviewOptions extends ChartOptions {
  /** The selected stage's id (e.g. "block-3"). */
  stage?: string;
  size?: SizeId;
  /** Every stage id in order. */
  stages?: readonly string[];
  /** The site's base URL, ending in a slash, for the stage links. */
  base?: string;
  /** GSAP, loaded by the element; without it (or with reducedMotion) a new pass jumps. */
  gsap?: Gsap;
  /** The reader hovered, focused or arrowed to a stage. */
  onSelect?: (stage: string) => void;
  /** The reader picked another model's shapes for the labels. */
  onSize?: (size: SizeId) => void;
}

export type OverviewChart = Chart<OverviewView, OverviewOptions>;

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));
const q = (s: string) => `“${showToken(s)}”`;
const n = (x: number) => x.toLocaleString('en-US');

export function linkContext(v: OverviewView): LinkContext {
  const T = v.tokens.length;
  return { text: v.text, last: T, lastId: T ? v.tokens[T - 1].id : -1 };
}

/** The strongest weight in a block's last-token rows: [head, key, weight], 0-based. */
export function strongest(att: number[][]): [number, number, number] {
  let best: [number, number, number] = [0, 0, -1];
  att.forEach((row, h) => row.forEach((w, k) => {
    if (w > best[2]) best = [h, k, w];
  }));
  return best;
}

/** The stage's shape label in the chosen model's sizes, as the lines a narrow card stacks. */
export function shapeLines(stage: string, size: SizeId): string[] {
  return shapeLabels(SHAPES[size])[kindOf(stage)];
}

/** The same label on one line. */
export function shapeOf(stage: string, size: SizeId): string {
  return shapeLines(stage, size).join(' ');
}

/** One line saying what a stage shows, with its numbers. */
export function describe(stage: string, v: OverviewView): string {
  const T = v.tokens.length;
  if (T === 0) return `${stageName(stage)}: there is no text, so nothing flows through the model.`;
  const last = v.tokens[T - 1];
  const d = v.embed[0]?.values.length ?? 0;
  switch (kindOf(stage)) {
    case 'tokens':
      return `Tokens: your text is ${T} token${T === 1 ? '' : 's'}, with ids ${v.tokens.slice(0, 12).map((t) => t.id).join(', ')}${T > 12 ? ', …' : ''}.`;
    case 'embeddings': {
      const e = v.embed[v.embed.length - 1];
      return `Embeddings: each id picks a row of ${d} numbers and each position another; their sum starts the residual stream. For the last token, ${q(last.text)}, it has length ${num(e.norm)}.`;
    }
    case 'block': {
      const b = v.blocks[layerOf(stage) - 1];
      if (!b) return `${stageName(stage)}: no numbers.`;
      const [h, k, w] = strongest(b.attention);
      return (
        `Block ${b.layer}: from ${q(last.text)}, attention looks most at ${q(v.tokens[k]?.text ?? '')} (head ${h + 1}, ${percent(w)}) ` +
        `and adds a vector of length ${num(b.attn_norm)}; the MLP adds one of length ${num(b.mlp_norm)}. ` +
        `Read out now, the stream would predict ${q(b.lens.text)} at ${percent(b.lens.p)}.`
      );
    }
    case 'norm':
      return `Final LayerNorm: the last token’s stream, grown to length ${num(v.norm.before)}, is brought back to ${num(v.norm.after)}.`;
    case 'logits':
      return `Logits: the output head scores every token of the vocabulary; the highest are ${v.logits.map((c) => `${q(c.text)} ${c.logit.toFixed(2)}`).join(', ')}.`;
    case 'probs':
      return `Probabilities: softmax turns the scores into shares of 1: ${v.final.map((c) => `${q(c.text)} ${percent(c.p)}`).join(', ')}.`;
    default: {
      const c = v.final[0];
      return c ? `Next token: the most likely is ${q(c.text)} (id ${c.id}) at ${percent(c.p)}; sampling may pick another.` : 'Next token: none.';
    }
  }
}

/** The accessible name of a stage's link: the visible title first, then where it goes. */
export function linkLabel(stage: string, v: OverviewView): string {
  const where: Record<string, string> = {
    tokens: 'the tokenization chapter',
    embeddings: 'the embeddings chapter',
    block: 'the attention chapter',
    norm: 'the layers chapter',
    logits: 'the layers chapter',
    probs: 'the decoding chapter',
    next: 'the decoding chapter',
  };
  return `${describe(stage, v)} Open in ${where[kindOf(stage)]}.`;
}

/** The line under the picture when it is relabelled with another model's shapes. */
export function sizeNote(size: SizeId, layers: number): string {
  if (size === 'ours') return '';
  const s = SHAPES[size];
  return `Labelled with ${s.name}’s shapes: ${s.layers} blocks of width ${n(s.width)}, ${s.heads} heads, a vocabulary of ${n(s.vocab)}. The same design, only larger; the ${layers} blocks and every number drawn are still this model’s. ${s.cite}`;
}
