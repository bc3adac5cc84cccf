/**
 * The live wrapper shared by <glassbox-attention> and <glassbox-attention-matrix>: it shows the
 * build-time example until the model answers, loads the model only near the viewport, keeps its
 * state (text, layer, head, token; 1-based) in `data-state`, in the URL when `data-url-state="on"`
 * and in the `data-export="json"` element, and reports the reader's choices outward as
 * `el.value` plus a bubbling `input` event (Plot's dispatchValue). `el.value = { layer: 2 }`
 * sets state from outside, e.g. when another diagram picks a head.
 */
import type { ModelApi } from '../../model/api';
import type { Trace } from '../../model/types';
import type { attention } from '../registry';
import { normalizeState, parseState, serializeState, mirrorInUrl } from '../state';
import { labelsFor, sharedTrace } from './shared';
import {
  exportBody,
  fromExample,
  queryIndex,
  viewOf,
  type AttentionExample,
  type AttentionExport,
  type AttentionSource,
  type AttentionState,
} from './source';
import { Status } from './status';
import type { AttentionChart, AttentionOptions, AttentionView } from './view';
import { whenNearViewport } from '../near-viewport';

export type RenderFn = (root: HTMLElement, data: AttentionView, options: AttentionOptions) => AttentionChart;

const DEBOUNCE_MS = 60; // typing
/** Hovers come fast; the URL, `data-state` and the export follow once the pointer rests. */
const COMMIT_MS = 120;

export abstract class AttentionElement extends HTMLElement {
  /** `attention` or `attentionMatrix`: one schema, different ids. */
  protected abstract readonly entry: typeof attention;
  protected abstract loadRender(): Promise<RenderFn>;

  private state!: AttentionState;
  private source: AttentionSource | null = null;
  private view: AttentionView | null = null;
  /** The export without `state`, serialised once per source × head (up to 256×256 numbers). */
  private body = '';
  private chart: AttentionChart | null = null;
  private width = 0;
  /** Notes on the link or props (clamped values, a token past the end), until the reader changes something. */
  private linkNotes: string[] = [];
  /** Notes on the text itself, e.g. cut to the model's context. */
  private textNotes: string[] = [];
  /** The state came from a link or props, not from the reader: a token past the end gets a note. */
  private fromLink = true;
  private started = false;
  private typing: ReturnType<typeof setTimeout> | undefined;
  private committing: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];
  private request: ((text: string) => Promise<Trace | undefined>) | null = null;
  private model: ModelApi | null = null;
  private labels: string[][] | null = null;
  private status = new Status((role) => this.get(role));

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${role}"]`);
    return el;
  }

  get value(): AttentionState {
    return { ...this.state };
  }

  set value(next: Partial<AttentionState>) {
    const text = this.state.text;
    this.state = normalizeState({ ...this.state, ...next }, this.entry.state).state;
    this.fromLink = false;
    this.syncControls();
    if (this.state.text !== text) void this.refresh();
    this.draw();
    this.commit();
  }

  connectedCallback() {
    const built = JSON.parse(this.get('export').textContent || '{}') as AttentionExport;
    this.body = JSON.stringify({ ...built, state: undefined });
    this.readState();
    this.syncControls();
    this.renderNotes();
    this.commit();

    const ac = new AbortController();
    const on = (role: string, type: string, f: () => void) => this.get(role).addEventListener(type, f, { signal: ac.signal });
    this.cleanup.push(() => ac.abort());
    on('text', 'input', () => this.onType(this.get<HTMLTextAreaElement>('text').value));
    on('layer', 'change', () => this.choose({ layer: Number(this.get<HTMLSelectElement>('layer').value) }));
    on('head', 'change', () => this.choose({ head: Number(this.get<HTMLSelectElement>('head').value) }));
    on('retry', 'click', () => void this.loadAndRefresh());

    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.typing);
    if (this.committing !== undefined) this.commitNow();
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.request = null;
    this.started = false;
  }

  /** Props give the initial state; where the URL is mirrored, its query wins. */
  private readState() {
    const schema = this.entry.state;
    this.state = parseState(this.dataset.state ?? '', schema).state;
    if (this.dataset.urlState !== 'on') return;
    const params = new URLSearchParams(location.search);
    if (!Object.keys(schema).some((k) => params.has(k))) return;
    const fromUrl = parseState(params, schema);
    this.state = fromUrl.state;
    this.linkNotes = fromUrl.notes;
  }

  private syncControls() {
    const text = this.get<HTMLTextAreaElement>('text');
    if (text.value !== this.state.text) text.value = this.state.text;
    this.get<HTMLSelectElement>('layer').value = String(this.state.layer);
    this.get<HTMLSelectElement>('head').value = String(this.state.head);
    this.status.pattern(this.labels?.[this.state.layer - 1]?.[this.state.head - 1], this.state.layer, this.state.head);
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [render, example, client] = await Promise.all([
      this.loadRender(),
      import('../../data/examples/attention.json'),
      import('../../model/client'),
    ]);
    if (!this.started) return; // disconnected while the modules loaded
    if (!this.source) this.setSource(fromExample(example.default as AttentionExample));
    const root = this.get('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.currentView(), this.options());
    this.draw();
    this.commit();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(() => {
        const w = root.clientWidth;
        if (Math.abs(w - this.width) < 1) return;
        this.width = w;
        this.draw();
      });
      ro.observe(root);
      this.cleanup.push(() => ro.disconnect());
    }
    const model = client.getModel();
    this.model = model;
    this.request = client.latest((text: string) => sharedTrace(model, text));
    this.cleanup.push(
      model.onEvent((e) => {
        if (e.type === 'error') this.showError(new Error(e.message));
        else this.status.onLoadEvent(e);
      }),
    );
    await this.loadAndRefresh();
  }

  private async loadAndRefresh() {
    if (!this.model) return;
    this.status.loading();
    try {
      await this.model.load();
    } catch (e) {
      this.showError(e);
      return;
    }
    this.status.loaded();
    await this.refresh();
  }

  private showError(e: unknown) {
    this.status.failed(e);
    this.status.source(this.source, this.state.text);
  }

  private onType(value: string) {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => {
      this.state = { ...this.state, text: normalizeState({ text: value }, this.entry.state).state.text };
      this.fromLink = false;
      this.linkNotes = []; // they described the link, not what the reader has typed since
      this.renderNotes();
      this.commit();
      this.emit();
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  private choose(next: Partial<AttentionState>) {
    this.state = normalizeState({ ...this.state, ...next }, this.entry.state).state;
    this.fromLink = false;
    this.linkNotes = [];
    this.renderNotes();
    this.syncControls();
    this.draw();
    this.commit();
    this.emit();
  }

  /** From the chart: the reader hovered, tapped or arrowed to a token (0-based). */
  private onSelect = (q: number) => {
    this.state = { ...this.state, token: q + 1 };
    this.draw();
    this.commit(COMMIT_MS);
    this.emit();
  };

  private async refresh() {
    if (!this.request) return;
    let tr: Trace | undefined;
    try {
      tr = await this.request(this.state.text);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!tr || !this.isConnected) return; // a newer request is on its way
    this.status.loaded();
    const { model } = tr;
    const T = tr.tokens.length;
    if (T > 0 && this.state.token > T) {
      if (this.fromLink) this.linkNotes.push(`token: ${this.state.token} is past the end of the text (${T} tokens); using ${T}.`);
      this.state = { ...this.state, token: T };
    }
    this.fromLink = false;
    this.textNotes = tr.truncated
      ? [`Your text is longer than the model's context of ${model.nPositions} tokens, so it reads only the first ${model.nPositions}.`]
      : [];
    this.dataset.source = 'model';
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
    this.renderNotes();
    this.draw();
    this.commit();
    if (!this.labels) {
      this.labels = await labelsFor(model.id);
      this.syncControls();
    }
  }

  private setSource(src: AttentionSource) {
    this.source = src;
    this.view = null;
    this.status.source(src, this.state.text);
  }

  /** The selected head's view, cut once per source × layer × head, not per hover. */
  private currentView(): AttentionView {
    const src = this.source as AttentionSource;
    const { layer, head } = this.state;
    if (!this.view || this.view.layer !== layer - 1 || this.view.head !== head - 1) {
      this.view = viewOf(src, layer, head);
      this.body = JSON.stringify(exportBody(src, this.view));
    }
    return this.view;
  }

  private options(): AttentionOptions {
    return {
      query: queryIndex(this.state.token, this.source?.tokens.length ?? 0),
      width: this.width || undefined,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      onSelect: this.onSelect,
    };
  }

  private draw() {
    if (!this.chart || !this.source) return;
    const view = this.currentView();
    const t0 = performance.now();
    this.chart.update(view, this.options());
    performance.measure(`glassbox:update:${this.entry.id}`, { start: t0, end: performance.now() });
  }

  private emit() {
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Write state to `data-state`, the export and (if mirrored) the URL, now or after `delay` ms. */
  private commit(delay = 0) {
    clearTimeout(this.committing);
    if (delay === 0) this.commitNow();
    else this.committing = setTimeout(() => this.commitNow(), delay);
  }

  private commitNow() {
    this.committing = undefined;
    const q = serializeState(this.state, this.entry.state);
    this.dataset.state = q;
    const rest = this.body.length > 2 ? ',' + this.body.slice(1) : '}';
    this.get('export').textContent = `{"state":${JSON.stringify(this.state)}${rest}`;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, this.entry.state);
  }

  private renderNotes() {
    this.status.notes([...this.linkNotes, ...this.textNotes]);
  }
}
