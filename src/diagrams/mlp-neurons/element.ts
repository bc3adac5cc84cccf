/**
 * <glassbox-mlp-neurons>: the live MLP-neuron view, on the kit's trace element
 * (../kit/trace-element.ts). It keeps the trace's mlp_activations and cuts the chosen layer's
 * strongest neurons from them on every change (T × 4d numbers, cheap); the sample text's
 * strongest tokens per neuron come precomputed (mlp-neurons-sample.json).
 */
import type { Trace } from '../../model/types';
import { exampleOrigin, exportHead, traceOrigin, type Origin } from '../kit/sources/trace';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import entry from './entry';
import type { NeuronsExample, NeuronsSource, neuronsView } from './example';
import type { NeuronsChart, NeuronsView, SampleFile } from './view';

type State = { text: string; layer: number; neuron: number };

function neuronsPart(ctx: TraceContext<State>): TraceView {
  let chart: NeuronsChart | null = null;
  let source: NeuronsSource | null = null;
  let sample: SampleFile | null = null;
  let src: Origin | null = null;
  let build: typeof neuronsView | null = null;

  const view = (): NeuronsView => {
    const { layer, neuron } = ctx.state();
    return (build as typeof neuronsView)(source as NeuronsSource, layer, neuron, sample);
  };
  const options = () => ({
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    onNeuron: (n: number) => ctx.pick({ neuron: n }),
  });

  return {
    async mount(root) {
      const [{ render }, ex, samples, mod] = await Promise.all([
        import('./render'),
        import('../../data/examples/mlp-neurons.json'),
        import('../../data/examples/mlp-neurons-sample.json'),
        import('./example'),
      ]);
      sample = samples.default as unknown as SampleFile;
      build = mod.neuronsView;
      if (!source) {
        const e = ex.default as NeuronsExample;
        source = { kind: 'example', ex: e };
        src = exampleOrigin(e);
      }
      chart = render(root, view(), options());
    },
    async fromTrace(tr: Trace) {
      src = traceOrigin(tr);
      source = { kind: 'model', text: tr.text, tokens: src.tokens, acts: tr.mlpActivations };
    },
    origin: () => src,
    redraw() {
      if (chart && source) chart.update(view(), options());
    },
    bodyJson() {
      const v = source && build ? view() : null;
      return JSON.stringify({
        ...exportHead(src),
        layer: ctx.state().layer,
        // The neurons firing most on the text: index in the layer, largest activation, activation per token.
        neurons: v?.top ?? [],
        neuron: v?.chosen ?? null,
        sample: v?.sample ?? null,
      });
    },
    destroy() {
      chart?.destroy();
      chart = null;
    },
  };
}

export const GlassboxMlpNeurons = traceElement(entry, neuronsPart);

if (!customElements.get('glassbox-mlp-neurons')) customElements.define('glassbox-mlp-neurons', GlassboxMlpNeurons);
