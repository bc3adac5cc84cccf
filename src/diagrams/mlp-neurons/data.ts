/**
 * MLP neurons from mlp_activations ([L][T][4d], after GELU): which neurons of a layer fire most
 * on a text, and where in the sample text a neuron fires most. A neuron's "firing" is its
 * activation value (unitless; GELU outputs ≥ about −0.17, and large positive values are strong).
 * Pure and DOM-free.
 */
import type { Dense } from '../../math/attention';

export interface NeuronRow {
  /** 0-based index in the layer's 4·d MLP neurons. */
  neuron: number;
  /** Largest activation over the text's tokens. */
  max: number;
  /** Activation at each token of the text. */
  acts: number[];
}

/** One token of the sample where a neuron fires: passage index, token position, activation. */
export type SampleHit = [passage: number, pos: number, act: number];

/** The activations of one neuron of `layer` (0-based) at every token. */
export function neuronActs(acts: Dense, layer: number, neuron: number): number[] {
  const [, T, W] = acts.shape;
  return Array.from({ length: T }, (_, t) => acts.data[(layer * T + t) * W + neuron]);
}

/** The `k` neurons of `layer` whose largest activation over the text is highest, highest first (ties: lower index). */
export function topNeurons(acts: Dense, layer: number, k: number): NeuronRow[] {
  const [, T, W] = acts.shape;
  if (T === 0) return [];
  const best = new Float64Array(W).fill(-Infinity);
  for (let t = 0; t < T; t++) {
    const o = (layer * T + t) * W;
    for (let n = 0; n < W; n++) if (acts.data[o + n] > best[n]) best[n] = acts.data[o + n];
  }
  const order = [...best.keys()].sort((a, b) => best[b] - best[a] || a - b).slice(0, k);
  return order.map((neuron) => ({ neuron, max: best[neuron], acts: neuronActs(acts, layer, neuron) }));
}

/**
 * For every neuron of every layer, the `k` sample tokens where it fires most, over all passages
 * (each a [L][T][W] tensor), highest first; ties keep reading order.
 */
export function sampleTops(passages: Dense[], k: number, round: (x: number) => number = (x) => x): SampleHit[][][] {
  const [L, , W] = passages[0].shape;
  return Array.from({ length: L }, (_, l) =>
    Array.from({ length: W }, (_, n) => {
      const hits: SampleHit[] = [];
      passages.forEach((p, pi) => {
        const T = p.shape[1];
        for (let t = 0; t < T; t++) hits.push([pi, t, p.data[(l * T + t) * W + n]]);
      });
      return hits
        .sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1])
        .slice(0, k)
        .map(([pi, t, a]) => [pi, t, round(a)] as SampleHit);
    }),
  );
}
