/**
 * The live wrapper shared by <glassbox-attention> and <glassbox-attention-matrix>. State
 * (text, layer, head, token; 1-based), the URL, the model and the export are the shared live
 * wrapper's (../live-trace.ts); this adds the attention source and view, the head's measured
 * pattern from heads.json, and a cached export (up to 256×256 weights per head).
 * `el.value = { layer: 2 }` sets state from outside, e.g. when another diagram picks a head.
 */
import type { Trace } from '../../../model/types';
import { LiveTraceElement } from '../live-trace';
import type { DiagramEntry } from '../schema';
import type { attentionState } from '../fields';
import { labelsFor } from '../sources/trace';
import {
  exportBody,
  fromExample,
  queryIndex,
  viewOf,
  type AttentionExample,
  type AttentionSource,
  type AttentionState,
} from './source';
import { Status } from './status';
import type { AttentionChart, AttentionOptions, AttentionView } from './view';

export type RenderFn = (root: HTMLElement, data: AttentionView, options: AttentionOptions) => AttentionChart;

export abstract class AttentionElement extends LiveTraceElement<AttentionState> {
  /** `attention` or `attentionMatrix`: one schema, different ids. */
  protected abstract readonly entry: DiagramEntry<typeof attentionState>;
  protected abstract loadRender(): Promise<RenderFn>;

  protected get schema() {
    return this.entry.state;
  }

  protected get diagramId() {
    return this.entry.id;
  }

  protected override status = new Status((role) => this.get(role));
  private source: AttentionSource | null = null;
  private view: AttentionView | null = null;
  /** The export without `state`, serialised once per source × head, not per hover. */
  private viewJson = '';
  private chart: AttentionChart | null = null;
  private labels: string[][] | null = null;

  protected async mount(root: HTMLElement) {
    const [render, example] = await Promise.all([this.loadRender(), import('../../../data/examples/attention.json')]);
    if (!this.source) this.setSource(fromExample(example.default as AttentionExample));
    this.chart = render(root, this.currentView(), this.options());
    this.cleanup.push(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  protected async fromTrace(tr: Trace) {
    const { model } = tr;
    this.setSource({
      kind: 'model',
      model: { id: model.id, version: model.version },
      text: tr.text,
      truncated: tr.truncated,
      tokens: tr.tokens.map(({ id, text }) => ({ id, text })),
      layers: model.nLayer,
      heads: model.nHead,
      attentions: tr.attentions.data,
    });
    if (!this.labels) {
      // The pattern line is extra: the live view does not wait for heads.json.
      void labelsFor(model.id).then((labels) => {
        this.labels = labels;
        this.syncControls();
      });
    }
  }

  protected origin() {
    return this.source;
  }

  protected override syncControls() {
    super.syncControls();
    this.status.pattern(this.labels?.[this.state.layer - 1]?.[this.state.head - 1], this.state.layer, this.state.head);
  }

  private setSource(src: AttentionSource) {
    this.source = src;
    this.view = null;
  }

  /** The selected head's view, cut once per source × layer × head, not per hover. */
  private currentView(): AttentionView {
    const src = this.source as AttentionSource;
    const { layer, head } = this.state;
    if (!this.view || this.view.layer !== layer - 1 || this.view.head !== head - 1) {
      this.view = viewOf(src, layer, head);
      this.viewJson = JSON.stringify(exportBody(src, this.view));
    }
    return this.view;
  }

  private options(): AttentionOptions {
    return {
      query: queryIndex(this.state.token, this.source?.tokens.length ?? 0),
      width: this.width || undefined,
      reducedMotion: this.reduce,
      onSelect: (q: number) => this.pick({ token: q + 1 }),
    };
  }

  protected redraw() {
    if (this.chart && this.source) this.chart.update(this.currentView(), this.options());
  }

  protected body() {
    return exportBody(this.source as AttentionSource, this.currentView());
  }

  protected override bodyJson() {
    this.currentView();
    return this.viewJson;
  }
}
