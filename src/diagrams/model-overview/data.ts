/**
 * What the overview draws and exports for one trace, all for the text's last token (the one whose
 * next token the model predicts): its embedding vectors, each block's attention rows and
 * additions, the logit lens after each block, the final LayerNorm, logits and probabilities.
 * Pure and DOM-free: the page, the example script and the Node tests all run it.
 */
import { lensTop, type FinalNorm, type Unembedding } from '../../math/logit-lens';
import { layerNorm } from '../../math/linalg';
import { softmax } from '../../math/softmax';
import { topK } from '../../math/sampling';
import { norm, vectorAt } from '../kit/layers/contributions';
import type { Dense } from '../../math/attention';
import { kindOf, layerOf } from './stages';

/** Tokens whose embedding the picture draws: the last few, so a long text still fits. */
export const SHOWN_TOKENS = 6;
/** Candidates the logits and probability stages list. */
export const TOP = 5;

export interface Candidate {
  id: number;
  text: string;
  /** Probability over the whole vocabulary (0..1). */
  p: number;
}

export interface BlockNumbers {
  /** 1-based. */
  layer: number;
  /** [head][key]: the last token's attention row in each head; rows sum to 1. */
  attention: number[][];
  /** ‖attn_output‖ and ‖mlp_output‖ at the last token: what this block adds to its stream. */
  attn_norm: number;
  mlp_norm: number;
  /** ‖stream‖ after the block. */
  out_norm: number;
  /** The logit lens's top guess from the stream after this block. */
  lens: Candidate;
}

export interface OverviewView {
  text: string;
  tokens: { id: number; text: string }[];
  /** The last SHOWN_TOKENS tokens' stream at entry (token + position embedding), d numbers each. */
  embed: { token: number; id: number; text: string; norm: number; values: number[] }[];
  blocks: BlockNumbers[];
  /** Length of the last token's stream before and after the final LayerNorm. */
  norm: { before: number; after: number };
  /** The top candidates' raw scores, highest first. */
  logits: { id: number; text: string; logit: number }[];
  /** The top candidates after softmax. */
  final: Candidate[];
}

/** The slice of a Trace this needs (TensorF32 satisfies Dense). */
export interface OverviewTrace {
  text: string;
  tokens: { id: number; text: string }[];
  /** [T][V] */
  logits: Dense;
  /** [L][H][T][T] */
  attentions: Dense;
  /** [L+1][T][d] */
  hiddenStates: Dense;
  /** [L][T][d] */
  attnOutput: Dense;
  mlpOutput: Dense;
}

export interface Weights {
  norm: FinalNorm;
  unembedding: Unembedding;
}

/** Round for the export and the example: far below what the picture shows. */
export type Round = (x: number) => number;
const keep: Round = (x) => x;

/** The last token's attention row, [head][key], in layer `l` (0-based). */
export function lastRows(att: Dense, l: number): number[][] {
  const [, H, T] = att.shape;
  const q = T - 1;
  return Array.from({ length: H }, (_, h) => Array.from({ length: T }, (_, k) => att.data[((l * H + h) * T + q) * T + k]));
}

export function overviewOf(tr: OverviewTrace, w: Weights, vocab: readonly string[], round: Round = keep): OverviewView {
  const tokens = tr.tokens.map(({ id, text }) => ({ id, text }));
  const [L1, T] = tr.hiddenStates.shape;
  const L = L1 - 1;
  const word = (id: number) => vocab[id] ?? '';
  if (T === 0) return { text: tr.text, tokens, embed: [], blocks: [], norm: { before: 0, after: 0 }, logits: [], final: [] };
  const last = T - 1;
  const embed = tokens.slice(-SHOWN_TOKENS).map((tk, i) => {
    const t = T - Math.min(T, SHOWN_TOKENS) + i;
    const v = vectorAt(tr.hiddenStates, 0, t);
    return { token: t + 1, id: tk.id, text: tk.text, norm: round(norm(v)), values: v.map(round) };
  });
  const blocks = Array.from({ length: L }, (_, l): BlockNumbers => {
    const h = vectorAt(tr.hiddenStates, l + 1, last);
    const [top] = lensTop(h, w.norm, w.unembedding, 1);
    return {
      layer: l + 1,
      attention: lastRows(tr.attentions, l).map((r) => r.map(round)),
      attn_norm: round(norm(vectorAt(tr.attnOutput, l, last))),
      mlp_norm: round(norm(vectorAt(tr.mlpOutput, l, last))),
      out_norm: round(norm(h)),
      lens: { id: top.id, text: word(top.id), p: round(top.p) },
    };
  });
  const hL = vectorAt(tr.hiddenStates, L, last);
  const normed = Array.from(layerNorm(hL, w.norm.weight, w.norm.bias, w.norm.eps));
  const V = tr.logits.shape[1];
  const row = Array.from({ length: V }, (_, i) => tr.logits.data[last * V + i]);
  const probs = softmax(row);
  const best = topK(probs, TOP);
  return {
    text: tr.text,
    tokens,
    embed,
    blocks,
    norm: { before: round(norm(hL)), after: round(norm(normed)) },
    logits: best.map(({ index }) => ({ id: index, text: word(index), logit: round(row[index]) })),
    final: best.map(({ index, p }) => ({ id: index, text: word(index), p: round(p) })),
  };
}

/** The export's per-layer lens, layer 1-based. */
export function lensList(v: OverviewView): { layer: number; top: Candidate }[] {
  return v.blocks.map((b) => ({ layer: b.layer, top: b.lens }));
}

/** The export's numbers per stage: what each card shows, and the chapter link it opens. */
export function stagesExport(v: OverviewView, stages: readonly string[], link: (stage: string) => string) {
  return stages.map((stage) => {
    const k = kindOf(stage);
    const head = { stage, link: link(stage) };
    if (k === 'tokens') return { ...head, ids: v.tokens.map((t) => t.id) };
    if (k === 'embeddings') return { ...head, vectors: v.embed };
    if (k === 'block') {
      const b = v.blocks[layerOf(stage) - 1];
      return { ...head, ...(b ?? {}) };
    }
    if (k === 'norm') return { ...head, ...v.norm };
    if (k === 'logits') return { ...head, top: v.logits };
    if (k === 'probs') return { ...head, top: v.final };
    return { ...head, token: v.final[0] ?? null };
  });
}
