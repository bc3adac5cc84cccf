/**
 * <glassbox-mlp-neurons>: the live MLP-neuron view. It keeps the trace's mlp_activations and
 * cuts the chosen layer's strongest neurons from them on every change (T × 4d numbers, cheap);
 * the sample text's strongest tokens per neuron come precomputed (mlp-neurons-sample.json).
 */
import type { Trace } from '../../model/types';
import entry from './entry';
import { LiveTraceElement, type Origin } from '../kit/live-trace';
import type { NeuronsChart, NeuronsView, SampleFile } from './view';
import type { NeuronsExample, NeuronsSource } from './example';

type State = { text: string; layer: number; neuron: number };

export class GlassboxMlpNeurons extends LiveTraceElement<State> {
  protected readonly schema = entry.state;
  protected readonly diagramId = entry.id;
  private chart: NeuronsChart | null = null;
  private source: NeuronsSource | null = null;
  private sample: SampleFile | null = null;
  private src: Origin | null = null;
  private build: typeof import('./example').neuronsView | null = null;

  protected async mount(root: HTMLElement) {
    const [{ render }, ex, sample, mod] = await Promise.all([
      import('./render'),
      import('../../data/examples/mlp-neurons.json'),
      import('../../data/examples/mlp-neurons-sample.json'),
      import('./example'),
    ]);
    this.sample = sample.default as unknown as SampleFile;
    this.build = mod.neuronsView;
    if (!this.source) {
      const e = ex.default as NeuronsExample;
      this.source = { kind: 'example', ex: e };
      this.src = { kind: 'example', model: e.model, text: e.text, truncated: e.truncated, tokens: e.tokens };
    }
    this.chart = render(root, this.view(), this.options());
    this.cleanup.push(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private view(): NeuronsView {
    return (this.build as NonNullable<typeof this.build>)(this.source as NeuronsSource, this.state.layer, this.state.neuron, this.sample);
  }

  protected async fromTrace(tr: Trace) {
    const tokens = tr.tokens.map(({ id, text }) => ({ id, text }));
    this.source = { kind: 'model', text: tr.text, tokens, acts: tr.mlpActivations };
    this.src = { kind: 'model', model: { id: tr.model.id, version: tr.model.version }, text: tr.text, truncated: tr.truncated, tokens };
  }

  protected origin() {
    return this.src;
  }

  private options() {
    return {
      width: this.width || undefined,
      reducedMotion: this.reduce,
      onNeuron: (n: number) => this.pick({ neuron: n }),
    };
  }

  protected redraw() {
    if (this.chart && this.source) this.chart.update(this.view(), this.options());
  }

  protected body() {
    const s = this.src;
    const v = this.source && this.build ? this.view() : null;
    return {
      source: s?.kind ?? 'example',
      model: s?.model,
      text: s?.text,
      truncated: s?.truncated ?? false,
      tokens: s?.tokens ?? [],
      layer: this.state.layer,
      // The neurons firing most on the text: index in the layer, largest activation, activation per token.
      neurons: v?.top ?? [],
      neuron: v?.chosen ?? null,
      sample: v?.sample ?? null,
    };
  }
}

if (!customElements.get('glassbox-mlp-neurons')) customElements.define('glassbox-mlp-neurons', GlassboxMlpNeurons);
