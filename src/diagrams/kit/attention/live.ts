/**
 * The view part shared by <glassbox-attention> and <glassbox-attention-matrix> (see
 * ../trace-element.ts for the element around it): the attention source and view, the head's
 * measured pattern from heads.json, and a cached export (up to 256×256 weights per head).
 * State: text, layer, head, token, 1-based. `el.value = { layer: 2 }` sets state from outside,
 * e.g. when another diagram picks a head.
 */
import type { Trace } from '../../../model/types';
import type { TraceContext, TraceView } from '../trace-element';
import { exportBody, fromExample, queryIndex, viewOf, type AttentionExample, type AttentionSource, type AttentionState } from './source';
import type { AttentionChart, AttentionOptions, AttentionView } from './view';

export type RenderFn = (root: HTMLElement, data: AttentionView, options: AttentionOptions) => AttentionChart;

/** The line under the pickers naming the head's measured pattern; `label` from heads.json, layer and head 1-based. */
function showPattern(el: HTMLElement, label: string | undefined, layer: number, head: number) {
  el.hidden = !label;
  const what = label === 'mixed' ? 'mixed, no single pattern dominates' : label;
  el.textContent = label ? `Measured over many texts, the pattern of layer ${layer}, head ${head}: ${what}.` : '';
}

export function attentionView(loadRender: () => Promise<RenderFn>) {
  return (ctx: TraceContext<AttentionState>): TraceView => {
    let source: AttentionSource | null = null;
    let view: AttentionView | null = null;
    /** The export without `state`, serialised once per source × head, not per hover. */
    let viewJson = '';
    let chart: AttentionChart | null = null;
    let labels: string[][] | null = null;

    const setSource = (src: AttentionSource) => {
      source = src;
      view = null;
    };

    /** The selected head's view, cut once per source × layer × head, not per hover. */
    const currentView = (): AttentionView => {
      const src = source as AttentionSource;
      const { layer, head } = ctx.state();
      if (!view || view.layer !== layer - 1 || view.head !== head - 1) {
        view = viewOf(src, layer, head);
        viewJson = JSON.stringify(exportBody(src, view));
      }
      return view;
    };

    const options = (): AttentionOptions => ({
      query: queryIndex(ctx.state().token, source?.tokens.length ?? 0),
      width: ctx.width() || undefined,
      reducedMotion: ctx.reducedMotion(),
      onSelect: (q: number) => ctx.pick({ token: q + 1 }),
    });

    const part: TraceView = {
      async mount(root) {
        const [render, example] = await Promise.all([loadRender(), import('../../../data/examples/attention.json')]);
        if (!source) setSource(fromExample(example.default as AttentionExample));
        chart = render(root, currentView(), options());
      },
      async fromTrace(tr: Trace) {
        const { model } = tr;
        setSource({
          kind: 'model',
          model: { id: model.id, version: model.version },
          text: tr.text,
          truncated: tr.truncated,
          tokens: tr.tokens.map(({ id, text }) => ({ id, text })),
          layers: model.nLayer,
          heads: model.nHead,
          attentions: tr.attentions.data,
        });
        if (!labels) {
          // The pattern line is extra: the live view does not wait for heads.json.
          void import('../../../model/assets').then(({ headLabels }) =>
            headLabels(model.id).then((l) => {
              labels = l;
              part.sync?.();
            }),
          );
        }
      },
      origin: () => source,
      redraw() {
        if (chart && source) chart.update(currentView(), options());
      },
      bodyJson() {
        currentView();
        return viewJson;
      },
      sync() {
        const { layer, head } = ctx.state();
        showPattern(ctx.element.byRole('pattern'), labels?.[layer - 1]?.[head - 1], layer, head);
      },
      destroy() {
        chart?.destroy();
        chart = null;
      },
    };
    return part;
  };
}
