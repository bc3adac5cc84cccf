/**
 * The one host every diagram's custom element is built on. It owns what all of them share, so
 * no element reimplements it:
 *   - state: read from the wrapper's props (`data-state`), or from the page URL where
 *     `data-url-state="on"` and the URL names a key; parsed with the registry schema, bad values
 *     noted for the reader; written back to `data-state`, `data-link` (the full state plus
 *     `model=<id>@<version>`, for copied links), the JSON export slot and the URL;
 *   - choices: `el.value` is the state, setting it changes the state, and every change the
 *     reader makes dispatches a bubbling `input` event (Observable Plot's dispatchValue);
 *   - lifecycle: heavy work starts near the viewport (`start`), the chart follows the root's
 *     width, and listeners, timers and observers go when the element leaves the page;
 *   - the `glassbox:update:<id>` performance mark around each redraw.
 * A diagram composes the rest from small parts: a data source (kit/sources/), the live-model
 * status (kit/live.ts), view helpers (kit/keys.ts, kit/table.ts, kit/palette.ts, kit/orbit/).
 */
import { Lifecycle, observeWidth, prefersReducedMotion, whenNearViewport, NEAR_VIEWPORT } from './lifecycle';
import { JsonSlot } from './export';
import { fullQuery, MODEL_PARAM, parsePin, type ModelPin } from './link';
import type { DiagramEntry, StateSchema } from './schema';
import { mirrorInUrl, normalizeState, parseState, serializeState } from './state';
import { showNotes } from './notes';

export type StateValue = string | number;
export type AnyState = Record<string, StateValue>;

/**
 * The host's own protected methods, handed by the host to a part it composes (a part is not a
 * subclass, so it cannot reach them): the calculators' part, kit/calc/calculator.ts, drives it.
 */
export interface HostPort<S extends AnyState> {
  choose(next: Partial<S>, delay?: number): void;
  writeExport(): void;
  measure(redraw: () => void): void;
  followWidth(root: HTMLElement, onWidth: (w: number) => void): void;
  begin(): Promise<void>;
  /** The reader has moved on from the link: its notes go, even while the write waits (a drag). */
  dropLinkNotes(): void;
}

/** What a diagram host says about itself: its registry id and schema. */
export type HostEntry = Pick<DiagramEntry<StateSchema>, 'id' | 'state'>;

export abstract class DiagramElement<S extends AnyState = AnyState> extends HTMLElement {
  protected abstract readonly entry: HostEntry;
  protected state!: S;
  /** Notes on the link the state came from; cleared once the reader changes the state. */
  protected linkNotes: string[] = [];
  /** Until the reader changes something, the state is the link's: out-of-range values get notes. */
  protected fromLink = true;
  /** The state came from the page URL (not from the wrapper's props). */
  protected stateFromUrl = false;
  /** The keys the link or props set; calculators settle the others from them. */
  protected given: ReadonlySet<string> = new Set();
  /** The model the link names (`model=<id>@<version>`), if it names one. */
  pin: ModelPin | null = null;
  /** The model whose numbers are on screen; copied links name it. null: not model-fed. */
  protected shownModel: ModelPin | null = null;
  /** This connection's listeners, timers and cleanups; a new one on each connect. */
  life = new Lifecycle();
  protected started = false;
  /** The chart root's width in CSS px when it was last drawn. */
  protected width = 0;
  protected exportSlot!: JsonSlot;

  /** Wire controls and show the build-time view; synchronous, before any heavy work. */
  protected abstract connected(): void;
  /** Heavy work, once the diagram is near the viewport: load the render module, draw, ask the model. */
  protected abstract start(): Promise<void> | void;
  /** The export without `state`: the numbers shown, the model, the text they are for. */
  protected abstract exportBody(): object;
  /** Undo what start() made that the lifecycle does not (destroy the chart). */
  protected stopped(): void {}
  /** Settle fields that depend on each other; `given` holds the keys the link set. */
  protected resolve(state: S, _given: ReadonlySet<string>): { state: S; notes: string[] } {
    return { state, notes: [] };
  }
  /** Notes after the link's: truncation, a stale model, what the reader typed. */
  protected extraNotes(): string[] {
    return [];
  }
  /** The state changed through `el.value` or `choose`: sync controls, redraw, refetch. */
  protected changed(_prev: S, _delay: number): void {}
  /** Elements besides this one whose approach starts the work (a story's fill-in spans). */
  protected nearTargets(): Element[] {
    return [];
  }
  protected nearMargin(): string {
    return NEAR_VIEWPORT;
  }

  get urlState(): boolean {
    return this.dataset.urlState === 'on';
  }

  /** One of the diagram's parts by `data-role`; missing markup is a bug, so it throws. */
  byRole<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-role="${name}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${name}"]`);
    return el;
  }

  /** addEventListener for this connection only. */
  listen<K extends keyof HTMLElementEventMap>(target: EventTarget, type: K | string, fn: (ev: Event) => void): void {
    target.addEventListener(type, fn, { signal: this.life.signal });
  }

  get value(): S {
    return { ...this.state };
  }

  set value(next: Partial<S>) {
    this.choose(next);
  }

  connectedCallback() {
    this.life = new Lifecycle();
    this.exportSlot = new JsonSlot(this.byRole('export'));
    this.readState();
    this.connected();
    this.renderNotes();
    this.life.add(whenNearViewport([this, ...this.nearTargets()], () => void this.begin(), this.nearMargin()));
  }

  disconnectedCallback() {
    if (this.life.pending('commit')) {
      this.life.cancel('commit');
      this.commitNow();
    }
    this.life.dispose();
    this.started = false;
    this.stopped();
  }

  /** Start now if the viewport has not started it yet (the reader typed first). */
  protected async begin(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.start();
  }

  /** Props give the initial state; where the URL is mirrored and names a key, the URL wins. */
  private readState() {
    const schema = this.entry.state;
    const keys = Object.keys(schema);
    const props = new URLSearchParams(this.dataset.state ?? '');
    const url = this.urlState ? new URLSearchParams(location.search) : null;
    const params = url && keys.some((k) => url.has(k)) ? url : props;
    this.stateFromUrl = params !== props;
    const parsed = parseState(params, schema);
    this.given = new Set(keys.filter((k) => params.has(k)));
    const resolved = this.resolve(parsed.state as S, this.given);
    this.state = resolved.state;
    const pin = parsePin(url?.get(MODEL_PARAM) ?? props.get(MODEL_PARAM));
    this.pin = pin.pin;
    this.linkNotes = this.stateFromUrl ? [...parsed.notes, ...resolved.notes] : [];
    if (pin.note) this.linkNotes.push(pin.note);
    this.shownModel ??= this.builtModel();
  }

  /** The model the build-time export names, if any. */
  private builtModel(): ModelPin | null {
    const m = (this.exportSlot.read<{ model?: Partial<ModelPin> } | null>() ?? {}).model;
    return m && typeof m.id === 'string' && typeof m.version === 'string' ? { id: m.id, version: m.version } : null;
  }

  /** A change from a control, from outside (`el.value = …`) or from the chart. */
  protected choose(next: Partial<S>, delay = 0) {
    const prev = this.state;
    const checked = normalizeState({ ...this.state, ...next }, this.entry.state).state as S;
    this.state = this.resolve(checked, new Set(Object.keys(next))).state;
    this.fromLink = false;
    if (delay === 0) {
      this.linkNotes = [];
      this.renderNotes();
    }
    this.changed(prev, delay);
    this.commit(delay);
    this.emit();
  }

  protected emit() {
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Write the state everywhere it is kept, now or after `delay` ms (hovers come fast). */
  protected commit(delay = 0) {
    if (delay > 0) this.life.later('commit', delay, () => this.commitNow());
    else {
      this.life.cancel('commit');
      this.commitNow();
    }
  }

  private commitNow() {
    this.writeState();
    this.mirrorUrl();
  }

  /** `data-state`, `data-link` and the export; not the page URL. */
  protected writeState() {
    this.dataset.state = serializeState(this.state, this.entry.state);
    this.dataset.link = fullQuery(this.state, this.entry.state, this.shownModel);
    this.writeExport();
  }

  /** Mirror the state in the page URL (where this diagram owns it), now or after `delay` ms. */
  protected mirrorUrl(delay = 0) {
    if (!this.urlState) return;
    const mirror = () => mirrorInUrl(serializeState(this.state, this.entry.state), this.entry.state);
    if (delay > 0) this.life.later('url', delay, mirror);
    else mirror();
  }

  protected writeExport() {
    this.exportSlot.write(this.state, this.exportBody());
  }

  /** The numbers on screen now come from `model`: links name it from here on. */
  protected showModel(model: ModelPin | null) {
    this.shownModel = model ? { id: model.id, version: model.version } : null;
    this.dataset.link = fullQuery(this.state, this.entry.state, this.shownModel);
  }

  /** Show the link's notes and the diagram's own (`extraNotes`); parts call it when theirs change. */
  renderNotes() {
    const list = this.querySelector<HTMLElement>('[data-role="notes"]');
    if (list) showNotes(list, [...this.linkNotes, ...this.extraNotes()]);
  }

  /** Follow `root`'s width: `onWidth` runs when it changes by a pixel or more. */
  protected followWidth(root: HTMLElement, onWidth: (w: number) => void) {
    this.width = root.clientWidth;
    this.life.add(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        onWidth(w);
      }),
    );
  }

  /** Run a redraw under the `glassbox:update:<id>` performance mark. */
  protected measure(redraw: () => void) {
    const t0 = performance.now();
    redraw();
    performance.measure(`glassbox:update:${this.entry.id}`, { start: t0, end: performance.now() });
  }

  protected reducedMotion(): boolean {
    return prefersReducedMotion();
  }

  /** This host's protected methods for a part it composes; see HostPort. */
  protected port(): HostPort<S> {
    return {
      choose: (next, delay) => this.choose(next, delay),
      writeExport: () => this.writeExport(),
      measure: (redraw) => this.measure(redraw),
      followWidth: (root, onWidth) => this.followWidth(root, onWidth),
      begin: () => this.begin(),
      dropLinkNotes: () => {
        this.linkNotes = [];
        this.renderNotes();
      },
    };
  }
}
