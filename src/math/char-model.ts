/**
 * The tiny character model the reader trains in the training chapter (Bengio et al. 2003's
 * neural language model, at toy size): the previous CONTEXT characters are looked up in an
 * embedding table, joined, passed through one tanh layer, and turned into a score for every
 * character of the text's alphabet; trained with Adam on mean cross-entropy over random
 * windows. Everything random comes from one seeded generator, so a seed and a text always give
 * the same losses. Gradients come from ./autodiff.ts. Pure; runs in a Web Worker and in Node.
 */
import { addRow, backward, crossEntropy, embed, Mat, matmul, tanh } from './autodiff';
import { mulberry32, sample, type Rng } from './sampling';

export interface CharModelOptions {
  /** Adam's step size. */
  lr: number;
  seed: number;
  /** Characters of context. */
  context?: number;
  /** Embedding width per character. */
  embed?: number;
  hidden?: number;
  /** Windows per step. */
  batch?: number;
}

export const CHAR_DEFAULTS = { context: 4, embed: 10, hidden: 64, batch: 32 } as const;

/** One standard normal draw (Box–Muller), from two uniforms of `rng`. */
function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function param(rows: number, cols: number, scale: number, rng: Rng): Mat {
  const m = new Mat(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * normal(rng);
  return m;
}

export class CharModel {
  /** The text's characters, sorted by code point; a token is an index into this. */
  readonly alphabet: string[];
  readonly ids: number[];
  readonly context: number;
  readonly batch: number;
  steps = 0;
  private readonly rng: Rng;
  private readonly params: Mat[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];

  constructor(
    text: string,
    private readonly opts: CharModelOptions,
  ) {
    const chars = Array.from(text);
    this.context = opts.context ?? CHAR_DEFAULTS.context;
    this.batch = opts.batch ?? CHAR_DEFAULTS.batch;
    if (chars.length <= this.context) throw new RangeError(`CharModel: the text needs more than ${this.context} characters`);
    this.alphabet = [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    const index = new Map(this.alphabet.map((c, i) => [c, i]));
    this.ids = chars.map((c) => index.get(c)!);
    this.rng = mulberry32(opts.seed);
    const V = this.alphabet.length;
    const e = opts.embed ?? CHAR_DEFAULTS.embed;
    const h = opts.hidden ?? CHAR_DEFAULTS.hidden;
    const fanIn = this.context * e;
    // Scaled so tanh starts unsaturated and the first logits are near 0, i.e. loss ≈ ln V.
    this.params = [param(V, e, 1, this.rng), param(fanIn, h, 1 / Math.sqrt(fanIn), this.rng), new Mat(1, h), param(h, V, 0.01, this.rng), new Mat(1, V)];
    this.m = this.params.map((p) => new Float64Array(p.data.length));
    this.v = this.params.map((p) => new Float64Array(p.data.length));
  }

  get vocab(): number {
    return this.alphabet.length;
  }

  private logits(contexts: number[][]): Mat {
    const [E, W1, b1, W2, b2] = this.params;
    return addRow(matmul(tanh(addRow(matmul(embed(E, contexts), W1), b1)), W2), b2);
  }

  /** Windows ending at `ends` (exclusive of the target): contexts and targets. */
  private windows(ends: number[]): { contexts: number[][]; targets: number[] } {
    return { contexts: ends.map((i) => this.ids.slice(i - this.context, i)), targets: ends.map((i) => this.ids[i]) };
  }

  /** Mean cross-entropy, nats, over every window of the text (no update). */
  fullLoss(): number {
    const ends = Array.from({ length: this.ids.length - this.context }, (_, i) => i + this.context);
    const { contexts, targets } = this.windows(ends);
    return crossEntropy(this.logits(contexts), targets).data[0];
  }

  /** One Adam step on a random batch of windows; returns that batch's loss before the update, nats. */
  step(): number {
    const span = this.ids.length - this.context;
    const ends = Array.from({ length: this.batch }, () => this.context + Math.floor(this.rng() * span));
    const { contexts, targets } = this.windows(ends);
    for (const p of this.params) p.grad.fill(0);
    const loss = crossEntropy(this.logits(contexts), targets);
    backward(loss);
    this.steps++;
    const b1 = 0.9, b2 = 0.999, eps = 1e-8;
    const c1 = 1 - b1 ** this.steps, c2 = 1 - b2 ** this.steps;
    this.params.forEach((p, k) => {
      const m = this.m[k], v = this.v[k];
      for (let i = 0; i < p.data.length; i++) {
        const g = p.grad[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        p.data[i] -= (this.opts.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    });
    return loss.data[0];
  }

  /**
   * `length` characters drawn from the model after the text's first `context` characters, with
   * its own generator seeded by `seed`, so one seed gives the same draw at every step.
   */
  sample(length: number, seed: number): string {
    const rng = mulberry32(seed);
    const ids = this.ids.slice(0, this.context);
    for (let n = 0; n < length; n++) {
      const row = this.logits([ids.slice(-this.context)]).data;
      let max = -Infinity;
      for (const z of row) max = Math.max(max, z);
      ids.push(sample(row.map((z) => Math.exp(z - max)), rng));
    }
    return ids.map((i) => this.alphabet[i]).join('');
  }
}
