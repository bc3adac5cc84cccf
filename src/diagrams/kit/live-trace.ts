/**
 * The live wrapper shared by the diagrams that draw one model trace of the reader's text (the
 * attention views, the layers chapter's views): it shows the build-time example until the model
 * answers, loads the model only near the viewport, keeps its state in `data-state`, in the URL
 * when `data-url-state="on"` and in the `data-export="json"` element, and reports the reader's
 * choices as `el.value` plus a bubbling `input` event (Plot's dispatchValue); `el.value = {…}`
 * sets state from outside. Every `select[data-key]` inside picks the numeric state key it names.
 * Subclasses say how a trace becomes their view (`fromTrace`), how it is drawn (`redraw`) and
 * what is exported (`body`).
 */
import type { ModelApi } from '../../model/api';
import type { Trace } from '../../model/types';
import { whenNearViewport } from './lifecycle';
import type { StateSchema } from './schema';
import { mirrorInUrl, normalizeState, parseState, serializeState } from './state';
import { sharedTrace } from './sources/trace';
import { ModelStatusLines } from './status';
import { observeWidth } from './lifecycle';

const DEBOUNCE_MS = 60; // typing
/** Hovers come fast; the URL, `data-state` and the export follow once the pointer rests. */
const COMMIT_MS = 120;
/** Document event by which a chapter's views that mirror the URL share the reader's sentence. */
const TEXT_EVENT = 'glassbox:live-text';

export type BaseState = { text: string; token?: number } & Record<string, string | number>;

export interface Origin {
  kind: 'example' | 'model';
  model: { id: string; version: string };
  /** The text the numbers are for (an example may stand in for another text). */
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
}

export abstract class LiveTraceElement<S extends BaseState> extends HTMLElement {
  protected abstract readonly schema: StateSchema;
  protected abstract readonly diagramId: string;
  /** Load the render module and example data, then draw into `root`. */
  protected abstract mount(root: HTMLElement): Promise<void>;
  /** Turn a live trace into this view's data (may fetch side files). */
  protected abstract fromTrace(tr: Trace): Promise<void>;
  /** Redraw from `this.state` and the current data. */
  protected abstract redraw(): void;
  /** The export without `state`. */
  protected abstract body(): object;
  /** The export without `state`, as JSON; a subclass with a large export may cache it. */
  protected bodyJson(): string {
    return JSON.stringify(this.body());
  }
  protected abstract origin(): Origin | null;

  protected state!: S;
  protected width = 0;
  protected reduce = false;
  private linkNotes: string[] = [];
  private textNotes: string[] = [];
  /** The state came from a link or props: a token past the end gets a note. */
  private fromLink = true;
  private started = false;
  private mounted = false;
  private typing: ReturnType<typeof setTimeout> | undefined;
  private committing: ReturnType<typeof setTimeout> | undefined;
  protected cleanup: (() => void)[] = [];
  private request: ((text: string) => Promise<Trace | undefined>) | null = null;
  private model: ModelApi | null = null;
  /** The build-time export without `state`, as JSON. */
  private builtBody = '';
  protected status: ModelStatusLines = new ModelStatusLines((role) => this.get(role));

  protected get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${role}"]`);
    return el;
  }

  get value(): S {
    return { ...this.state };
  }

  set value(next: Partial<S>) {
    this.choose(next);
  }

  connectedCallback() {
    const built = JSON.parse(this.get('export').textContent || '{}') as Record<string, unknown>;
    this.builtBody = JSON.stringify({ ...built, state: undefined });
    this.readState();
    this.syncControls();
    this.renderNotes();
    this.commit();
    this.reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;

    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    this.get('text').addEventListener('input', () => this.onType(this.get<HTMLTextAreaElement>('text').value), { signal: ac.signal });
    this.get('retry').addEventListener('click', () => void this.loadAndRefresh(), { signal: ac.signal });
    for (const picker of this.pickers()) {
      const key = picker.dataset.key as string;
      picker.addEventListener('change', () => this.choose({ [key]: Number(picker.value) } as Partial<S>), { signal: ac.signal });
    }
    if (this.dataset.urlState === 'on') {
      // On the chapter page the views share one sentence: typing in one retypes the others.
      const onText = (ev: Event) => {
        const { text, from } = (ev as CustomEvent<{ text: string; from: Element }>).detail;
        if (from !== this && text !== this.state.text) this.adoptText(text);
      };
      document.addEventListener(TEXT_EVENT, onText, { signal: ac.signal });
    }
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  private adoptText(text: string) {
    this.state = { ...this.state, text };
    this.fromLink = false;
    this.linkNotes = [];
    this.renderNotes();
    this.syncControls();
    this.commit();
    this.emit();
    if (this.started) void this.refresh();
  }

  disconnectedCallback() {
    clearTimeout(this.typing);
    if (this.committing !== undefined) this.commitNow();
    this.cleanup.splice(0).forEach((f) => f());
    this.request = null;
    this.started = false;
    this.mounted = false;
  }

  /** Props give the initial state; where the URL is mirrored, its query wins. */
  private readState() {
    this.state = parseState(this.dataset.state ?? '', this.schema).state as S;
    if (this.dataset.urlState !== 'on') return;
    const params = new URLSearchParams(location.search);
    if (!Object.keys(this.schema).some((k) => params.has(k))) return;
    const fromUrl = parseState(params, this.schema);
    this.state = fromUrl.state as S;
    this.linkNotes = fromUrl.notes;
  }

  private pickers() {
    return this.querySelectorAll<HTMLSelectElement>('select[data-key]');
  }

  protected syncControls() {
    const text = this.get<HTMLTextAreaElement>('text');
    if (text.value !== this.state.text) text.value = this.state.text;
    for (const picker of this.pickers()) picker.value = String(this.state[picker.dataset.key as string]);
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const root = this.get('chart');
    this.width = root.clientWidth;
    const [client] = await Promise.all([import('../../model/client'), this.mount(root)]);
    if (!this.started) return; // disconnected while the modules loaded
    this.mounted = true;
    // The example only bounds the token when it is the reader's text; another text waits for its trace.
    const shown = this.origin();
    if (shown?.text === this.state.text) this.clampToken(shown.tokens.length);
    this.draw();
    this.commit();
    this.cleanup.push(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        this.draw();
      }),
    );
    const model = client.getModel();
    this.model = model;
    this.request = client.latest((text: string) => sharedTrace(model, text));
    this.cleanup.push(this.status.follow(model, (e) => this.showError(e)));
    await this.loadAndRefresh();
  }

  private async loadAndRefresh() {
    if (this.model && (await this.status.load(this.model, (e) => this.showError(e)))) await this.refresh();
  }

  protected showError(e: unknown) {
    this.status.failed(e);
    this.status.source(this.origin(), this.state.text);
  }

  private onType(value: string) {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => {
      this.state = { ...this.state, text: normalizeState({ text: value }, this.schema).state.text as string };
      this.fromLink = false;
      this.linkNotes = []; // they described the link, not what the reader has typed since
      this.renderNotes();
      this.commit();
      this.emit();
      if (this.dataset.urlState === 'on') {
        document.dispatchEvent(new CustomEvent(TEXT_EVENT, { detail: { text: this.state.text, from: this } }));
      }
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  /** A change from a control, from outside (`el.value = …`) or from the chart. */
  protected choose(next: Partial<S>, delay = 0) {
    const text = this.state.text;
    this.state = normalizeState({ ...this.state, ...next }, this.schema).state as S;
    this.fromLink = false;
    if (delay === 0) {
      this.linkNotes = [];
      this.renderNotes();
    }
    this.syncControls();
    if (this.state.text !== text) void this.refresh();
    this.draw();
    this.commit(delay);
    this.emit();
  }

  /** From the chart: a hover, tap or arrow key. Cheap: the URL and export follow after a pause. */
  protected pick(next: Partial<S>) {
    this.choose(next, COMMIT_MS);
  }

  private clampToken(T: number) {
    if (this.state.token === undefined || T === 0 || this.state.token <= T) return;
    if (this.fromLink) this.linkNotes.push(`token: ${this.state.token} is past the end of the text (${T} tokens); using ${T}.`);
    this.state = { ...this.state, token: T };
    this.renderNotes();
  }

  private async refresh() {
    if (!this.request) return;
    let tr: Trace | undefined;
    try {
      tr = await this.request(this.state.text);
      if (!tr || !this.isConnected) return; // a newer request is on its way
      await this.fromTrace(tr);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (tr.text !== this.state.text) return; // the reader typed on while side files loaded
    this.status.loaded();
    this.clampToken(tr.tokens.length);
    this.fromLink = false;
    const n = tr.model.nPositions;
    this.textNotes = tr.truncated ? [`Your text is longer than the model's context of ${n} tokens, so it reads only the first ${n}.`] : [];
    this.dataset.source = 'model';
    this.status.source(this.origin(), this.state.text);
    this.renderNotes();
    this.draw();
    this.commit();
  }

  protected draw() {
    if (!this.mounted) return;
    const t0 = performance.now();
    this.redraw();
    performance.measure(`glassbox:update:${this.diagramId}`, { start: t0, end: performance.now() });
  }

  private emit() {
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  protected commit(delay = 0) {
    clearTimeout(this.committing);
    if (delay === 0) this.commitNow();
    else this.committing = setTimeout(() => this.commitNow(), delay);
  }

  private commitNow() {
    this.committing = undefined;
    const q = serializeState(this.state, this.schema);
    this.dataset.state = q;
    // Before the view mounts, the build-time export stands; after, the body follows the view.
    const body = this.mounted ? this.bodyJson() : this.builtBody;
    const rest = body.length > 2 ? ',' + body.slice(1) : '}';
    this.get('export').textContent = `{"state":${JSON.stringify(this.state)}${rest}`;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, this.schema);
  }

  private renderNotes() {
    this.status.notes([...this.linkNotes, ...this.textNotes]);
  }
}
