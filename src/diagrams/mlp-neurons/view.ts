/**
 * What the mlp-neurons view draws and exports: the neurons of one layer that fire most on the
 * reader's text (with each token's activation), the chosen neuron, and the sample-text tokens
 * that excite it most (precomputed: src/data/examples/mlp-neurons-sample.json). Pure.
 */
import type { Chart, ChartOptions } from '../kit/chart';
import { showToken } from '../kit/tokens';
import type { NeuronRow, SampleHit } from './data';

export interface SampleFile {
  model: { id: string; version: string };
  source: string;
  passages: { title: string; truncated: boolean; tokens: string[] }[];
  /** [layer][neuron] → [passage, position, activation], strongest first. */
  top: SampleHit[][][];
}

export interface SampleContext {
  passage: string;
  /** 0-based token position in that passage. */
  position: number;
  before: string;
  token: string;
  after: string;
  activation: number;
}

export interface NeuronsView {
  text: string;
  tokens: { id: number; text: string }[];
  /** 0-based layer. */
  layer: number;
  /** Neurons in the layer's MLP (4·d). */
  width: number;
  /** The neurons firing most on the text, strongest first. */
  top: NeuronRow[];
  /** The chosen neuron; `acts` null when an example does not hold its numbers. */
  chosen: { neuron: number; acts: number[] | null };
  sample: { source: string; hits: SampleContext[] } | null;
}

export interface NeuronsOptions extends ChartOptions {
  onNeuron?: (neuron: number) => void;
}

export type NeuronsChart = Chart<NeuronsView, NeuronsOptions>;

const BEFORE = 6; // tokens of context before a sample hit
const AFTER = 3;

/** The sample's strongest tokens for one neuron, with a little context each side. */
export function sampleContexts(file: SampleFile, layer: number, neuron: number): SampleContext[] {
  return (file.top[layer]?.[neuron] ?? []).map(([p, pos, act]) => {
    const toks = file.passages[p].tokens;
    return {
      passage: file.passages[p].title,
      position: pos,
      before: toks.slice(Math.max(0, pos - BEFORE), pos).join(''),
      token: toks[pos],
      after: toks.slice(pos + 1, pos + 1 + AFTER).join(''),
      activation: act,
    };
  });
}

export const act = (x: number) => x.toFixed(2).replace('-', '−');

export function summarize(d: NeuronsView): string {
  if (d.tokens.length === 0) return 'There is no text, so no neuron fires.';
  const n = d.chosen.neuron;
  const acts = d.chosen.acts;
  if (!acts) return `Layer ${d.layer + 1}, neuron ${n}: its activations on this text appear once the live model has run.`;
  let at = 0;
  acts.forEach((a, i) => {
    if (a > acts[at]) at = i;
  });
  const rank = d.top.findIndex((r) => r.neuron === n);
  const lead = rank === 0 ? `fires most on your text of all ${d.width} neurons in the layer` : rank > 0 ? `is number ${rank + 1} on your text` : 'is not among the strongest on your text';
  return `Layer ${d.layer + 1}, neuron ${n} ${lead}: ${act(acts[at])} at “${showToken(d.tokens[at].text)}” (token ${at + 1}).`;
}
