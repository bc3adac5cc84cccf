/**
 * The element of a next-token chapter view fed one forward pass per text (next-token-window,
 * surprise-text, next-token-game), made by `windowElement(entry, makeView)`: a class on the host
 * (../element.ts: state, URL, export, lifecycle) that composes the next-token feed (./feed.ts:
 * the live model, the build-time example until it answers) and the chart (../chart-slot.ts). The
 * diagram's own view part says which text the model reads, what is drawn from the answer, and
 * wires its own controls.
 */
import { ChartSlot, type SlotRender } from '../chart-slot';
import { DiagramElement, type AnyState, type HostEntry } from '../element';
import { normalizeState } from '../state';
import { showText, typingInput } from '../text-input';
import { WindowFeed, type WindowBody } from './feed';
import { followText } from './links';

/** What the view part may ask of its element. */
export interface WindowContext<S extends AnyState> {
  state(): S;
  /** A choice from a control or the chart; the URL and export follow after `delay` ms. */
  choose(next: Partial<S>, delay?: number): void;
  /**
   * What the reader typed: the state takes it now, the link's notes go, the state is written
   * and announced. The view's `changed` is not called: the view refetches itself (`ask`).
   */
  typed(next: Partial<S>): void;
  /** The feed's numbers: the example until the model answers. */
  body(): WindowBody;
  /** The chart root's width in CSS px (0 before it is measured). */
  width(): number;
  reducedMotion(): boolean;
  /** Redraw; `full` also rewrites the export (new data, new width). */
  draw(full?: boolean): void;
  /** Ask the model about the text now, or start the diagram if it has not started yet. */
  ask(): void;
  /** Ask the model again if it is running; nothing before the diagram starts. */
  refresh(): void;
  element: DiagramElement<S>;
}

/** A diagram's own part: its text, chart and controls. */
export interface WindowView<S extends AnyState, D, O> {
  /** The text the model reads now. */
  text(): string;
  /** The render module, loaded near the viewport. */
  load(): Promise<{ render: SlotRender<D, O> }>;
  data(): D;
  options(): O;
  /** From the host's connected(): show the state in the view's controls and wire them. */
  connect(): void;
  /** The state changed through `el.value` or a control. */
  changed(prev: S): void;
  /** The export without `state`, from the feed's body; the body itself by default. */
  exportBody?(body: WindowBody): object;
}

export function windowElement<S extends AnyState, D, O>(
  entry: HostEntry,
  makeView: (ctx: WindowContext<S>) => WindowView<S, D, O>,
): CustomElementConstructor {
  return class extends DiagramElement<S> {
    protected readonly entry = entry;
    private readonly view: WindowView<S, D, O> = makeView({
      state: () => this.state,
      choose: (next, delay) => this.choose(next, delay),
      typed: (next) => this.typed(next),
      body: () => this.feed.body,
      width: () => this.width,
      reducedMotion: () => this.reducedMotion(),
      draw: (full) => this.draw(full),
      ask: () => (this.started ? void this.feed.refresh() : void this.begin()),
      refresh: () => void this.feed.refresh(),
      element: this,
    });
    private readonly feed: WindowFeed = new WindowFeed(this, () => this.view.text(), () => this.onAnswer());
    private readonly chart = new ChartSlot<D, O, S>(this, this.port(), () => this.view.data(), () => this.view.options());

    protected connected() {
      this.view.connect();
      this.feed.connect(this.exportSlot);
      this.writeState();
    }

    protected async start() {
      if (await this.chart.mount(this.view.load(), this.feed.live.connect())) await this.feed.start();
    }

    protected stopped() {
      this.feed.stop();
    }

    protected exportBody(): object {
      return this.view.exportBody?.(this.feed.body) ?? this.feed.body;
    }

    protected extraNotes(): string[] {
      return this.feed.notes();
    }

    protected changed(prev: S) {
      this.view.changed(prev);
    }

    private typed(next: Partial<S>) {
      this.state = normalizeState({ ...this.state, ...next }, this.entry.state).state as S;
      this.fromLink = false;
      this.linkNotes = []; // they described the link, not what the reader has typed since
      this.renderNotes();
      this.commit();
      this.emit();
    }

    private onAnswer() {
      this.showModel(this.feed.body.model);
      this.renderNotes();
      this.draw();
    }

    private draw(full = true) {
      this.chart.draw();
      if (full) this.writeExport();
    }
  };
}

/**
 * The text box of a view whose state's `text` is the text the model reads, and the chapter links
 * that carry it (./links.ts). `onTyped(value)` runs once the reader's typing is in the state.
 */
export function textBox<S extends AnyState & { text: string }>(ctx: WindowContext<S>, ms: number, onTyped: (value: string) => void) {
  const el = ctx.element;
  const show = () => {
    showText(el.byRole<HTMLTextAreaElement>('text'), ctx.state().text);
    followText(el, ctx.state().text);
  };
  return {
    /** From the view's connect(): wire the box, show the state's text. */
    connect() {
      typingInput(el, 'text', ms, (value) => {
        ctx.typed({ text: value } as Partial<S>);
        onTyped(value);
      });
      show();
    },
    /** The state's text, in the box and the links. */
    show,
  };
}
