/**
 * <glassbox-next-token>: the live wrapper around render.ts. It shows the build-time example
 * until the model answers, loads the model only when the diagram comes near the viewport,
 * mirrors its state in the URL and keeps the `data-export="json"` element equal to what is drawn.
 * Only this file and its dynamic imports run in the page; the model runtime and d3 load late.
 */
import type { ModelApi, NextTokens } from '../../model/api';
import type { LoadEvent } from '../../model/types';
import { nextToken as entry } from '../registry';
import { normalizeState, parseState, serializeState, mirrorInUrl } from '../state';
import type { NextTokenChart, NextTokenView } from './render';
import { whenNearViewport } from '../near-viewport';
import { ModelStatusLines } from '../status';

/** How many candidates the bars show. */
const K = 10;
const DEBOUNCE_MS = 60;
const MEASURE = `glassbox:update:${entry.id}`;

type State = { text: string };

export interface NextTokenExport {
  state: State;
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  /** The text these numbers are for; differs from state.text while an example is shown. */
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  top: { id: number; text: string; p: number }[];
}


function viewOf(r: NextTokens): NextTokenView {
  return {
    text: r.text,
    truncated: r.truncated,
    tokens: r.tokens.map(({ id, text }) => ({ id, text })),
    top: r.top.map(({ id, text, p }) => ({ id, text, p })),
  };
}

export class GlassboxNextToken extends HTMLElement {
  private state: State = { text: entry.state.text.default };
  private data!: NextTokenExport;
  private chart: NextTokenChart | null = null;
  private width = 0;
  private urlNotes: string[] = [];
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];
  private request: ((text: string) => Promise<NextTokens | undefined>) | null = null;
  private model: ModelApi | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-next-token> is missing [data-role="${role}"]`);
    return el;
  }

  private readonly status = new ModelStatusLines((role) => this.get(role));

  connectedCallback() {
    const exportEl = this.get('export');
    this.data = JSON.parse(exportEl.textContent || '{}') as NextTokenExport;
    this.readState();
    const input = this.get<HTMLTextAreaElement>('prompt');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.data.state = { ...this.state };
    this.renderNotes(false);
    this.renderSource();
    this.writeExport();

    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    input.addEventListener('input', () => this.onInput(input.value), { signal: ac.signal });
    this.get('retry').addEventListener('click', () => this.retry(), { signal: ac.signal });

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
    const initial = parseState(this.dataset.state ?? '', entry.state);
    this.state = initial.state;
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
    const [{ render }, client] = await Promise.all([import('./render'), import('../../model/client')]);
    if (!this.started) return; // disconnected while the modules loaded
    const root = this.get('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.data, this.options());
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
    this.request = client.latest((text: string) => model.nextTokens(text, K));
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

  private retry() {
    void this.loadAndRefresh();
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
      this.state = normalizeState({ text: value }, entry.state).state;
      this.urlNotes = []; // they described the link, not what the reader has typed since
      this.renderNotes(false);
      this.writeState();
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  private async refresh() {
    if (!this.request) return;
    let r: NextTokens | undefined;
    try {
      r = await this.request(this.state.text);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!r || !this.isConnected) return; // a newer request is on its way
    this.get('error').hidden = true;
    this.data = { state: { ...this.state }, source: 'model', model: { id: r.model.id, version: r.model.version }, ...viewOf(r) };
    this.dataset.source = 'model';
    this.renderSource();
    this.renderNotes(r.truncated, r.model.nPositions);
    this.draw();
  }

  private options() {
    return {
      width: this.width || undefined,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    };
  }

  private draw() {
    if (!this.chart) return;
    const t0 = performance.now();
    this.chart.update(this.data, this.options());
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

  private renderNotes(truncated: boolean, context = 0) {
    const notes = [...this.urlNotes];
    if (truncated) {
      notes.push(`Your text is longer than the model's context of ${context} tokens, so it reads only the first ${context}.`);
    }
    this.status.notes(notes);
  }
}

if (!customElements.get('glassbox-next-token')) customElements.define('glassbox-next-token', GlassboxNextToken);
