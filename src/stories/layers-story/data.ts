/**
 * The numbers the layers chapter's story shows for one token of a text, all cut from the
 * model's trace (hidden_states, attn_output, mlp_output, mlp_activations) and its side files
 * (wte, wpe, ln_f); the only arithmetic is the chapter's own steps (wte + wpe, LayerNorm's
 * mean and spread, vector lengths, ln_f then wte, softmax). Pure and DOM-free.
 */
import type { Dense } from '../../math/attention';
import { lensLogits } from '../../math/logit-lens';
import { softmax } from '../../math/softmax';
import { topK } from '../../math/sampling';
import { norm, vectorAt } from '../../diagrams/kit/layers/contributions';
import type { SideFiles } from '../../model/assets';

export interface StoryTrace {
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  hiddenStates: Dense;
  attnOutput: Dense;
  mlpOutput: Dense;
  mlpActivations: Dense;
}

export interface LayersStory {
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  /** 0-based token the story follows. */
  token: number;
  d: number;
  layers: number;
  /** The first numbers of wte[id], wpe[pos] and hidden_states[0] at the token, and the largest |h0 − (wte + wpe)|. */
  wteFirst: number[];
  wpeFirst: number[];
  h0First: number[];
  embedDiff: number;
  /** Mean and standard deviation (divide-by-d) of the stream entering block 1. */
  mean: number;
  std: number;
  /** Lengths: attention's and the MLP's additions in block 1, and the stream before and after. */
  attn1: number;
  mlp1: number;
  stream0: number;
  stream1: number;
  /** Largest |h1 − (h0 + attn + mlp)| over the d numbers, block 1. */
  addDiff: number;
  /** MLP width (4·d) and, in block 1 at the token: how many neurons are positive, the lowest and the highest activation and its neuron. */
  width: number;
  positive: number;
  minAct: number;
  maxAct: number;
  maxNeuron: number;
  /** Activations of block 1 at the token, sorted descending (for the figure). */
  sortedActs: number[];
  /** ‖stream‖ at every level 0..L, and what each block's attention and MLP add. */
  streams: number[];
  attn: number[];
  mlp: number[];
  /** ln_f's gain range and epsilon; the vocabulary size. */
  gainMin: number;
  gainMax: number;
  eps: number;
  vocab: number;
  /** The model's prediction after the token: top 5 (id, p), the sum of every p, and how many tokens make up half the probability. */
  top: { id: number; text: string; p: number }[];
  total: number;
  half: number;
}

const first = (v: readonly number[], n = 4) => v.slice(0, n);

export function buildLayersStory(tr: StoryTrace, side: SideFiles, vocab: readonly string[], token = tr.tokens.length - 1): LayersStory {
  const T = tr.tokens.length;
  if (T === 0) throw new RangeError('buildLayersStory: no tokens');
  const t = Math.min(T - 1, Math.max(0, token));
  const [L1, , d] = tr.hiddenStates.shape;
  const L = L1 - 1;
  const id = tr.tokens[t].id;
  const wte = Array.from({ length: d }, (_, i) => side.unembedding.wte[id * d + i]);
  const wpe = Array.from(side.wpe.subarray(t * d, (t + 1) * d));
  const h0 = vectorAt(tr.hiddenStates, 0, t);
  const h1 = vectorAt(tr.hiddenStates, 1, t);
  const a1 = vectorAt(tr.attnOutput, 0, t);
  const m1 = vectorAt(tr.mlpOutput, 0, t);
  const mean = h0.reduce((s, x) => s + x, 0) / d;
  const std = Math.sqrt(h0.reduce((s, x) => s + (x - mean) ** 2, 0) / d);
  const W = tr.mlpActivations.shape[2];
  const acts = vectorAt(tr.mlpActivations, 0, t);
  let maxNeuron = 0;
  acts.forEach((a, i) => {
    if (a > acts[maxNeuron]) maxNeuron = i;
  });
  const hL = vectorAt(tr.hiddenStates, L, t);
  const probs = softmax(lensLogits(hL, side.norm, side.unembedding));
  const sorted = Float64Array.from(probs).sort().reverse();
  let cum = 0;
  let half = 0;
  while (cum < 0.5 && half < sorted.length) cum += sorted[half++];
  const gain = Array.from(side.norm.weight);
  return {
    model: { id: tr.model.id, version: tr.model.version },
    text: tr.text,
    tokens: tr.tokens.map(({ id: i, text }) => ({ id: i, text })),
    token: t,
    d,
    layers: L,
    wteFirst: first(wte),
    wpeFirst: first(wpe),
    h0First: first(h0),
    embedDiff: h0.reduce((m, x, i) => Math.max(m, Math.abs(x - (wte[i] + wpe[i]))), 0),
    mean,
    std,
    attn1: norm(a1),
    mlp1: norm(m1),
    stream0: norm(h0),
    stream1: norm(h1),
    addDiff: h1.reduce((m, x, i) => Math.max(m, Math.abs(x - (h0[i] + a1[i] + m1[i]))), 0),
    width: W,
    positive: acts.filter((a) => a > 0).length,
    minAct: Math.min(...acts),
    maxAct: acts[maxNeuron],
    maxNeuron,
    sortedActs: [...acts].sort((a, b) => b - a),
    streams: Array.from({ length: L1 }, (_, l) => norm(vectorAt(tr.hiddenStates, l, t))),
    attn: Array.from({ length: L }, (_, l) => norm(vectorAt(tr.attnOutput, l, t))),
    mlp: Array.from({ length: L }, (_, l) => norm(vectorAt(tr.mlpOutput, l, t))),
    gainMin: Math.min(...gain),
    gainMax: Math.max(...gain),
    eps: side.norm.eps,
    vocab: side.unembedding.vocab,
    top: topK(probs, 5).map(({ index, p }) => ({ id: index, text: vocab[index] ?? '', p })),
    total: probs.reduce((s, p) => s + p, 0),
    half,
  };
}
