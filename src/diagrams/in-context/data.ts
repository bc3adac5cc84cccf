/**
 * In-context copying, as numbers: the reader's sequence written `repeat` times in a row, the
 * model's loss on each token of each copy (nats), and what the strongest induction head does on
 * the later copies: how much of its attention each token gives to the token that followed the
 * same token in the copy before (the "shifted" token, Olsson et al. 2022). Pure (no model
 * import): the page, the example-data script and the tests share it. snake_case as the exports.
 * @see https://arxiv.org/abs/2209.11895
 */
import { scoreSequence } from '../../math/next-token';

/** What a trace carries that this builder needs; the model's Trace satisfies it. */
export interface InContextTrace {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  /** `bytes`: the token's UTF-8 bytes, used to find where each copy starts. */
  tokens: readonly { id: number; text: string; bytes: readonly number[] }[];
  /** [T][V] raw logits, row-major. */
  logits: { data: ArrayLike<number>; shape: readonly number[] };
  /** [L][H][T][T] attention probabilities, rows sum to 1. */
  attentions: { data: ArrayLike<number>; shape: readonly number[] };
}

export interface Token {
  id: number;
  text: string;
}

export interface Copy {
  /** 1-based index in the whole text of this copy's first token. */
  start: number;
  tokens: Token[];
  /** −ln p(token | everything before it), nats, one per token; null for the text's very first token. */
  losses: (number | null)[];
  /** Mean loss over the copy's tokens 2 … n (the first token of a copy is left out of every copy's mean); null with none. */
  mean_loss: number | null;
}

/** One token of a later copy and where the induction head sends its attention. */
export interface InductionLink {
  /** 1-based index in the whole text of the query token. */
  index: number;
  /** 1-based index of the token after the same token's place in the copy before. */
  shifted: number;
  /** Attention weight (0..1) the head gives from `index` to `shifted`. */
  weight: number;
  /** 1-based key the head attends to most, and its weight. */
  top: number;
  top_weight: number;
}

/** The head, 1-based, and its induction score from heads.json (mean attention, 0..1, on the probe). */
export interface HeadPick {
  layer: number;
  head: number;
  score: number;
}

export interface InContextData {
  model: { id: string; version: string };
  /** The sequence the reader typed, and how many copies of it the model read. */
  sequence: string;
  repeat: number;
  /** The text the model read: `repeat` copies. */
  text: string;
  truncated: boolean;
  tokens: Token[];
  copies: Copy[];
  /** The contract's names for the first two copies: `{ tokens, losses }`. */
  first: { tokens: Token[]; losses: (number | null)[] };
  second: { tokens: Token[]; losses: (number | null)[] };
  /** First copy's mean loss minus the second's, nats per token; null without both. */
  drop: number | null;
  head: HeadPick;
  /** Every token of copy 2 onwards with an earlier occurrence to copy from. */
  induction: InductionLink[];
  /** Mean of `induction`'s weights; null with none. */
  induction_mean: number | null;
}

/** Copies of `sequence`, each led by one space so every copy splits into the same tokens. */
export function repeatText(sequence: string, repeat: number): string {
  const s = sequence.trim();
  return s ? ` ${s}`.repeat(Math.max(1, repeat)) : '';
}

/** The head with the highest score in `grid` ([layer][head], 0-based), returned 1-based. */
export function strongestHead(grid: readonly (readonly number[])[]): HeadPick {
  let best: HeadPick | null = null;
  grid.forEach((row, l) =>
    row.forEach((score, h) => {
      if (Number.isFinite(score) && (!best || score > best.score)) best = { layer: l + 1, head: h + 1, score };
    }),
  );
  if (!best) throw new Error('strongestHead: no scores');
  return best;
}

function meanOf(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Copy number (0-based) of each token, by the byte where it starts; a copy is `bytesPer` bytes. */
function copyOf(tokens: InContextTrace['tokens'], bytesPer: number): { copy: number; at: number }[] {
  let at = 0;
  return tokens.map((t) => {
    const here = { copy: bytesPer > 0 ? Math.floor(at / bytesPer) : 0, at };
    at += t.bytes.length;
    return here;
  });
}

export function buildInContext(trace: InContextTrace, sequence: string, repeat: number, head: HeadPick): InContextData {
  const tokens = trace.tokens.map((t) => ({ id: t.id, text: t.text }));
  const T = tokens.length;
  const V = trace.logits.shape[1] ?? 0;
  const score = scoreSequence(trace.logits.data, tokens.map((t) => t.id), V, 1);
  const loss = (i: number) => (i === 0 ? null : score.positions[i - 1].loss); // i 0-based
  const copyText = repeatText(sequence, 1);
  const bytesPer = new TextEncoder().encode(copyText).length;
  const where = copyOf(trace.tokens, bytesPer);
  const copies: Copy[] = [];
  where.forEach((w, i) => {
    const c = (copies[w.copy] ??= { start: i + 1, tokens: [], losses: [], mean_loss: null });
    c.tokens.push(tokens[i]);
    c.losses.push(loss(i));
  });
  for (const c of copies) c.mean_loss = meanOf(c.losses.slice(1).filter((x): x is number => x !== null));

  const [, H, Tq, Tk] = trace.attentions.shape;
  if (Tq !== T || Tk !== T) throw new RangeError(`buildInContext: attention for ${Tq}×${Tk}, ${T} tokens`);
  const base = ((head.layer - 1) * H + (head.head - 1)) * T * T;
  const att = (q: number, k: number) => trace.attentions.data[base + q * T + k];
  // The token at byte b − bytesPer is this token's place in the copy before, when one starts there.
  const byStart = new Map(where.map((w, i) => [w.at, i]));
  const induction: InductionLink[] = [];
  where.forEach((w, q) => {
    if (w.copy === 0) return;
    const earlier = byStart.get(w.at - bytesPer);
    if (earlier === undefined || tokens[earlier].id !== tokens[q].id || earlier + 1 >= q) return;
    let top = 0;
    for (let k = 1; k <= q; k++) if (att(q, k) > att(q, top)) top = k;
    induction.push({ index: q + 1, shifted: earlier + 2, weight: att(q, earlier + 1), top: top + 1, top_weight: att(q, top) });
  });
  const pair = (c: Copy | undefined) => ({ tokens: c?.tokens ?? [], losses: c?.losses ?? [] });
  const [a, b] = copies;
  return {
    model: { id: trace.model.id, version: trace.model.version },
    sequence,
    repeat,
    text: trace.text,
    truncated: trace.truncated,
    tokens,
    copies,
    first: pair(a),
    second: pair(b),
    drop: a?.mean_loss != null && b?.mean_loss != null ? a.mean_loss - b.mean_loss : null,
    head,
    induction,
    induction_mean: meanOf(induction.map((l) => l.weight)),
  };
}

/** Why there is nothing to compare, or null when there is. */
export function emptyMessage(d: Pick<InContextData, 'copies' | 'tokens'>): string | null {
  if (d.tokens.length === 0) return 'Type a sequence: the model reads it twice and we compare its loss on the two copies.';
  if (d.copies.length < 2 || d.copies[0].tokens.length < 2) {
    return 'The sequence needs at least two tokens, and room in the context for a second copy, to compare the copies.';
  }
  return null;
}
