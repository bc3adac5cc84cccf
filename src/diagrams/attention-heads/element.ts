/**
 * <glassbox-attention-heads>: the live wrapper around render.ts. It shows the build-time example
 * until the model answers, starts the model only near the viewport, mirrors its state in the
 * URL when asked, and keeps the `data-export="json"` element equal to what is drawn.
 *
 * Choosing a head sets `el.value = { layer, head }` (1-based) and dispatches a bubbling
 * `change` CustomEvent with the same object as `detail`. With `data-follow="attention"` it also
 * follows the page's `attention` diagram: it reads that diagram's `data-state` (text and token)
 * and shows its head as chosen, and a head chosen here is handed to it (see link.ts).
 * Only this file and its dynamic imports run in the page; d3 and the model runtime load late.
 */
import type { ModelApi } from '../../model/api';
import type { LoadEvent, Trace } from '../../model/types';
import { attentionHeads as entry } from '../registry';
import { normalizeState, parseState, serializeState, mirrorInUrl } from '../state';
import type { HeadScores } from './head-scores';
import type { AttentionHeadsChart, HeadRef } from './render';
import type { AttentionHeadsExport } from './view';
import { followAttention, selectInAttention } from './link';
import { whenNearViewport } from '../near-viewport';
import { ModelStatusLines } from '../status';

const DEBOUNCE_MS = 60;
const MEASURE = `glassbox:update:${entry.id}`;

type State = { text: string; token: number };

const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export class GlassboxAttentionHeads extends HTMLElement {
  /** The chosen head, 1-based; null until the reader (or the followed diagram) picks one. */
  value: HeadRef | null = null;
  private state: State = { text: entry.state.text.default, token: entry.state.token.default };
  private data!: AttentionHeadsExport;
  private chart: AttentionHeadsChart | null = null;
  private width = 0;
  private urlNotes: string[] = [];
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];
  private model: ModelApi | null = null;
  private request: ((text: string) => Promise<Trace | undefined>) | null = null;
  private trace: Trace | null = null;
  private scores: HeadScores | null = null;
  private view: typeof import('./view') | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-attention-heads> is missing [data-role="${role}"]`);
    return el;
  }

  private readonly status = new ModelStatusLines((role) => this.get(role));

  connectedCallback() {
    this.data = JSON.parse(this.get('export').textContent || '{}') as AttentionHeadsExport;
    this.readState();
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input && input.value !== this.state.text) input.value = this.state.text;
    this.data.state = { ...this.state };
    this.renderNotes();
    this.renderSource();
    this.writeExport();

    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    input?.addEventListener('input', () => this.onInput(input.value), { signal: ac.signal });
    this.get('retry').addEventListener('click', () => void this.loadAndRefresh(), { signal: ac.signal });
    if (this.dataset.follow === 'attention') {
      this.cleanup.push(
        followAttention((s) => {
          this.value = s.selected;
          if (s.text !== this.state.text || s.token !== this.state.token) this.setState({ text: s.text, token: s.token });
          else this.draw();
        }),
      );
    }

    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.request = null;
    this.started = false;
  }

  /** Props give the initial state; on a page that mirrors the URL, the query wins. */
  private readState() {
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    if (this.dataset.urlState !== 'on') return;
    const params = new URLSearchParams(location.search);
    if (!Object.keys(entry.state).some((k) => params.has(k))) return;
    const fromUrl = parseState(params, entry.state);
    this.state = fromUrl.state;
    this.urlNotes = fromUrl.notes;
    this.dataset.state = serializeState(this.state, entry.state);
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ render }, client, view] = await Promise.all([import('./render'), import('../../model/client'), import('./view')]);
    if (!this.started) return; // disconnected while the modules loaded
    this.view = view;
    const root = this.get('chart');
    this.width = root.clientWidth;
    this.chart = render(root, view.viewOf(this.data), this.options());
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
    this.request = client.latest((text: string) => model.trace(text));
    this.cleanup.push(model.onEvent((e) => this.onLoadEvent(e)));
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

  private onLoadEvent(e: LoadEvent) {
    if (e.type === 'error') this.showError(new Error(e.message));
    else this.status.onLoadEvent(e);
  }

  private showError(e: unknown) {
    this.status.failed(e);
    this.renderSource();
  }

  private onInput(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.urlNotes = []; // they described the link, not what the reader has typed since
      this.setState({ text: value });
    }, DEBOUNCE_MS);
  }

  /** Change the state; a new text needs a forward pass, a new token only a redraw. */
  private setState(next: Partial<State>) {
    const textChanged = next.text !== undefined && next.text !== this.state.text;
    this.state = normalizeState({ ...this.state, ...next }, entry.state).state;
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input && input.value !== this.state.text && document.activeElement !== input) input.value = this.state.text;
    this.writeState();
    // Before the grid nears the viewport only the state changes; start() will draw it.
    if (!this.started) return;
    if (textChanged || !this.trace) void this.refresh();
    else this.rebuild();
  }

  private async refresh() {
    if (!this.request || !this.model) return;
    const text = this.state.text;
    if (text === '') {
      this.trace = null;
      this.rebuild();
      return;
    }
    let trace: Trace | undefined;
    try {
      trace = await this.request(text);
      if (trace) this.scores = await (await import('./head-scores')).loadHeadScores(siteBase(), trace.model.id);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!trace || !this.isConnected) return; // a newer request is on its way
    this.get('error').hidden = true;
    this.trace = trace;
    this.rebuild();
  }

  /** Recompute the export from the current trace and state, then redraw. */
  private rebuild() {
    if (!this.view) return;
    const trace = this.state.text === '' ? null : this.trace;
    const count = trace?.tokens.length ?? 0;
    const { token, note } = this.view.clampToken(this.state.token, count);
    this.data = {
      state: { ...this.state },
      source: 'model',
      model: trace ? { id: trace.model.id, version: trace.model.version } : this.data.model,
      text: this.state.text,
      truncated: trace?.truncated ?? false,
      tokens: trace ? trace.tokens.map(({ id, text }) => ({ id, text })) : [],
      token,
      heads: trace ? this.view.headRows(trace.attentions, token, this.scores) : [],
    };
    this.dataset.source = 'model';
    this.renderSource();
    this.renderNotes(note, trace?.truncated ? trace.model.nPositions : 0);
    this.draw();
  }

  private options() {
    return {
      width: this.width || undefined,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      selected: this.value,
      onSelect: (h: HeadRef) => this.choose(h),
      onToken: (token: number) => this.pickToken(token),
    };
  }

  /** A query token from the grid's own picker; when following, the attention diagram takes it too. */
  private pickToken(token: number) {
    this.setState({ token });
    if (this.dataset.follow === 'attention') selectInAttention({ token });
  }

  private choose(h: HeadRef) {
    this.value = h;
    this.draw();
    this.dispatchEvent(new CustomEvent<HeadRef>('change', { detail: h, bubbles: true }));
    const where = this.dataset.follow === 'attention' ? selectInAttention({ layer: h.layer, head: h.head }) : false;
    this.get('choice').textContent = where
      ? `Layer ${h.layer}, head ${h.head} is now shown in the attention diagram.`
      : `Layer ${h.layer}, head ${h.head} chosen.`;
  }

  private draw() {
    if (!this.chart || !this.view) return;
    const t0 = performance.now();
    this.chart.update(this.view.viewOf(this.data), this.options());
    performance.measure(MEASURE, { start: t0, end: performance.now() });
    this.writeExport();
  }

  private writeState() {
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    this.data.state = { ...this.state };
    this.writeExport();
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
  }

  private writeExport() {
    this.get('export').textContent = JSON.stringify(this.data);
  }

  private renderSource() {
    this.status.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }

  private renderNotes(note?: string, truncatedAt = 0) {
    const notes = [...this.urlNotes];
    if (note) notes.push(note);
    if (truncatedAt) notes.push(`The text is longer than the model's context; only its first ${truncatedAt} tokens are used.`);
    this.status.notes(notes);
  }
}

if (!customElements.get('glassbox-attention-heads')) {
  customElements.define('glassbox-attention-heads', GlassboxAttentionHeads);
}
