/**
 * The contextual-path diagram's numbers, pure: find the word in each text, take its hidden
 * state after every layer from a trace, and project both paths into the embedding cloud's PCA
 * space (the same axes as embedding-space), plus their cosine similarity layer by layer.
 */
import { cosine } from '../../math/index';
import type { PartialTrace } from '../../model/types';

export interface ContextRun {
  text: string;
  tokens: { id: number; text: string }[];
  /** 0-based index of the traced token in `tokens`; −1 when the word is not one of them. */
  at: number;
  /** [L+1][d]: the residual stream at that token, after embedding (0) and after each layer. */
  states: number[][];
}

/** The PCA axes of the embedding matrix (kit/orbit/cloud.ts Cloud.basis): mean [d], components [3][d], scale. */
export interface Basis {
  mean: number[];
  components: number[][];
  /** Embedding units per drawn unit, as in the 3D cloud. */
  scale: number;
}

export interface PathView {
  model: { id: string; version: string };
  word: string;
  a: ContextRun;
  b: ContextRun;
  basis: Basis;
}

/** The first token whose text, trimmed and lower-cased, is the word's; −1 if none. */
export function findWord(tokens: readonly { text: string }[], word: string): number {
  const w = word.trim().toLowerCase();
  return w ? tokens.findIndex((t) => t.text.trim().toLowerCase() === w) : -1;
}

const round6 = (x: number) => Number(x.toFixed(6));

/** What runOf reads of a trace: its tokens and the hidden states (`trace(text, { outputs: ['hiddenStates'] })`). */
export type PathTrace = PartialTrace<'hiddenStates'>;

export function runOf(trace: PathTrace, word: string, round = false): ContextRun {
  const at = findWord(trace.tokens, word);
  const [L1] = trace.hiddenStates.shape;
  const states =
    at < 0 ? [] : Array.from({ length: L1 }, (_, l) => Array.from(trace.hiddenStates.view(l, at).data, round ? round6 : (x) => x));
  return { text: trace.text, tokens: trace.tokens.map(({ id, text }) => ({ id, text })), at, states };
}

/** A d-vector in the cloud's drawn coordinates: ((v − mean) · component) / scale per axis. */
export function project(basis: Basis, v: ArrayLike<number>): [number, number, number] {
  const out: number[] = basis.components.map((c) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += (v[i] - basis.mean[i]) * c[i];
    return s / basis.scale;
  });
  return [out[0], out[1], out[2]];
}

export interface PathStats {
  a: [number, number, number][];
  b: [number, number, number][];
  /** Per layer: cosine similarity of the two hidden states in all d dimensions. */
  cos: number[];
}

export function pathStats(v: PathView): PathStats {
  const a = v.a.states.map((s) => project(v.basis, s));
  const b = v.b.states.map((s) => project(v.basis, s));
  const n = Math.min(v.a.states.length, v.b.states.length);
  return { a, b, cos: Array.from({ length: n }, (_, l) => cosine(v.a.states[l], v.b.states[l])) };
}

export function exportPath(state: Record<string, unknown>, source: 'example' | 'model', v: PathView) {
  const s = pathStats(v);
  const r = (p: number[]) => p.map(round6);
  return {
    state,
    source,
    model: { ...v.model },
    word: v.word,
    projection: { method: 'pca', of: 'wte', axes: 3 },
    a: { text: v.a.text, token: v.a.at, path: s.a.map(r) },
    b: { text: v.b.text, token: v.b.at, path: s.b.map(r) },
    cosineByLayer: s.cos.map(round6),
  };
}
