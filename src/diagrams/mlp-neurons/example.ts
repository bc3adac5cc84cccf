/**
 * The shape of src/data/examples/mlp-neurons.json (written by scripts/make-examples.mjs), and
 * the view both the build-time render and the live element cut from a source: the example's
 * stored top neurons, or a live trace's full activations.
 */
import type { Dense } from '../../math/attention';
import { neuronActs, topNeurons, type NeuronRow } from './data';
import { sampleContexts, type NeuronsView, type SampleFile } from './view';

export interface NeuronsExample {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** Neurons per layer (4·d). */
  width: number;
  /** [layer] → the neurons firing most on the text. */
  neurons: NeuronRow[][];
}

/** How many neurons the list shows; the example stores exactly these. */
export const SHOWN = 8;

export type NeuronsSource =
  | { kind: 'example'; ex: NeuronsExample }
  | { kind: 'model'; text: string; tokens: { id: number; text: string }[]; acts: Dense };

/** `layer` 1-based and `neuron` as in the state (−1: the strongest on the text). */
export function neuronsView(src: NeuronsSource, layer: number, neuron: number, sample: SampleFile | null): NeuronsView {
  const l = layer - 1;
  let top: NeuronRow[];
  let width: number;
  let lookup: (n: number) => number[] | null;
  if (src.kind === 'example') {
    top = src.ex.neurons[l] ?? [];
    width = src.ex.width;
    lookup = (n) => top.find((r) => r.neuron === n)?.acts ?? null;
  } else {
    top = topNeurons(src.acts, l, SHOWN);
    width = src.acts.shape[2];
    lookup = (n) => (src.acts.shape[1] ? neuronAct(src.acts, l, n) : null);
  }
  const chosen = neuron >= 0 && neuron < width ? neuron : (top[0]?.neuron ?? 0);
  const tokens = src.kind === 'example' ? src.ex.tokens : src.tokens;
  return {
    text: src.kind === 'example' ? src.ex.text : src.text,
    tokens,
    layer: l,
    width,
    top,
    chosen: { neuron: chosen, acts: tokens.length ? lookup(chosen) : null },
    sample: sample ? { source: sample.source, hits: sampleContexts(sample, l, chosen) } : null,
  };
}

const neuronAct = (acts: Dense, l: number, n: number) => neuronActs(acts, l, n);
