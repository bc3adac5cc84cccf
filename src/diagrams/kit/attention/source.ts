/**
 * The data behind the attention views, from a live trace or the precomputed example, reduced to
 * what they draw: tokens and the [L][H][T][T] weights. Pure, so the build-time render, the live
 * element and the tests cut the same head out of the same numbers.
 */
import type { AttentionView } from './view';

// A type, not an interface, so that it fits the live wrapper's Record-shaped state.
export type AttentionState = {
  text: string;
  /** 1-based, as readers count; so are head and token. */
  layer: number;
  head: number;
  token: number;
};

/** What an attention view's wrapper takes (see Attention.astro); all optional. */
export interface ViewProps {
  text?: string;
  layer?: number;
  head?: number;
  token?: number;
  syncUrl?: boolean;
  state?: Record<string, unknown>;
  urlState?: boolean;
  uid?: string;
}

export interface AttentionSource {
  kind: 'example' | 'model';
  model: { id: string; version: string };
  /** The text these weights are for (an example may stand in for another text). */
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  layers: number;
  heads: number;
  /** [L][H][T][T] row-major softmax weights, rows = queries. */
  attentions: ArrayLike<number>;
}

/** The JSON behind the view ("Download data"), per DESIGN.md §3 Export. */
export interface AttentionExport {
  state: AttentionState;
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** [query][key] of the selected layer and head: each row sums to 1, keys after the query are 0. */
  attention: number[][];
}

/** The shape scripts/make-examples.mjs writes to src/data/examples/attention.json. */
export interface AttentionExample {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  attentions: number[][][][];
}

export function fromExample(ex: AttentionExample): AttentionSource {
  const L = ex.attentions.length;
  const H = L ? ex.attentions[0].length : 0;
  const T = ex.tokens.length;
  const flat = new Float64Array(L * H * T * T);
  let o = 0;
  for (const l of ex.attentions) for (const h of l) for (const r of h) for (const w of r) flat[o++] = w;
  return {
    kind: 'example',
    model: { id: ex.model.id, version: ex.model.version },
    text: ex.text,
    truncated: ex.truncated,
    tokens: ex.tokens.map(({ id, text }) => ({ id, text })),
    layers: L,
    heads: H,
    attentions: flat,
  };
}

/** The selected head's matrix as a view; layer and head are 1-based and clamped to the source. */
export function viewOf(src: AttentionSource, layer: number, head: number): AttentionView {
  const l = Math.min(src.layers, Math.max(1, layer)) - 1;
  const h = Math.min(src.heads, Math.max(1, head)) - 1;
  const T = src.tokens.length;
  const start = (l * src.heads + h) * T * T;
  const a = src.attentions;
  const weights = ArrayBuffer.isView(a)
    ? (a as Float32Array).subarray(start, start + T * T)
    : Array.prototype.slice.call(a, start, start + T * T);
  return { text: src.text, tokens: src.tokens, weights, layer: l, head: h };
}

/** Everything in the export except `state`, which changes on every hover. */
export function exportBody(src: AttentionSource, view: AttentionView): Omit<AttentionExport, 'state'> {
  const T = view.tokens.length;
  const attention = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => view.weights[i * T + j]));
  return {
    source: src.kind,
    model: src.model,
    text: src.text,
    truncated: src.truncated,
    tokens: src.tokens,
    attention,
  };
}

/** 1-based query token to draw: the state's, or the last token when the text is shorter. */
export function queryIndex(token: number, T: number): number {
  return T === 0 ? 0 : Math.min(T, Math.max(1, token)) - 1;
}
