/**
 * The element of a view that draws one model trace of the reader's text (the attention views,
 * the layers chapter's views), made by `traceElement(entry, makeView)`: a class on the host
 * (./element.ts: state, URL, export, lifecycle) that composes the live model (./live.ts), the
 * trace source (./sources/trace.ts), the chapter's shared sentence (./live-text.ts) and the
 * diagram's own view part, which says how a trace becomes its data, how it is drawn and exported.
 * It shows the build-time example until the model answers. A `[data-role="text"]` textarea, where
 * there is one, holds the sentence; every `select[data-key]` picks the numeric state key it names.
 */
import type { Trace } from '../../model/types';
import { withoutState } from './body';
import { DiagramElement, type HostEntry } from './element';
import { LiveModel } from './live';
import { shareText } from './live-text';
import { clampToken, traceSource, truncationNotes, type Origin } from './sources/trace';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 60;
/** Hovers come fast; the URL, `data-state` and the export follow once the pointer rests (ms). */
const COMMIT_MS = 120;

export type { Origin };

export type TraceState = { text: string; token?: number } & Record<string, string | number>;

/** What the view part may ask of its element. */
export interface TraceContext<S extends TraceState> {
  state(): S;
  /** A choice from the chart (hover, tap, arrow key): cheap, the URL and export follow after a pause. */
  pick(next: Partial<S>): void;
  /** The chart root's width in CSS px (0 before it is measured). */
  width(): number;
  reducedMotion(): boolean;
  element: DiagramElement<S>;
}

/** A diagram's own part: its data, chart and export. */
export interface TraceView {
  /** Load the render module (and the example, unless a trace came first) and draw into `root`. */
  mount(root: HTMLElement): Promise<void>;
  /** Make a live trace this view's data; may fetch side files; throws when it cannot. */
  fromTrace(tr: Trace): Promise<void>;
  /** What is shown now; null before mount. */
  origin(): Origin | null;
  redraw(): void;
  /** The export without `state`, as JSON (a large one may be cached). */
  bodyJson(): string;
  /** The state changed: update controls of the view's own (e.g. a line about the chosen head). */
  sync?(): void;
  destroy(): void;
}

export function traceElement<S extends TraceState>(
  entry: HostEntry,
  makeView: (ctx: TraceContext<S>) => TraceView,
): CustomElementConstructor {
  return class extends DiagramElement<S> {
    protected readonly entry = entry;
    private readonly view = makeView({
      state: () => this.state,
      pick: (next) => this.choose(next, COMMIT_MS),
      width: () => this.width,
      reducedMotion: () => this.reducedMotion(),
      element: this,
    });
    private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
    private request: ((text: string) => Promise<Trace | undefined>) | null = null;
    private mounted = false;
    /** The build-time export without `state`, as JSON; it stands until the view mounts. */
    private builtBody = '{}';
    private textNotes: string[] = [];
    private announce: (text: string) => void = () => {};

    protected connected() {
      this.builtBody = JSON.stringify(withoutState(this.exportSlot.read<Record<string, unknown> | null>() ?? {}));
      this.syncControls();
      // A view may go without a sentence box of its own (the home page's overview follows the prompt).
      const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
      if (input) this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onType(input.value)));
      for (const picker of this.pickers()) {
        const key = picker.dataset.key as string;
        this.listen(picker, 'change', () => this.choose({ [key]: Number(picker.value) } as Partial<S>));
      }
      this.announce = shareText(this, () => this.state.text, (text) => this.choose({ text } as Partial<S>));
      this.live.wire();
      this.commit();
    }

    protected async start() {
      const life = this.life;
      const root = this.byRole('chart');
      this.width = root.clientWidth;
      await Promise.all([this.live.connect(), this.view.mount(root)]);
      if (life.disposed) return; // disconnected while the modules loaded
      this.mounted = true;
      // The example only bounds the token when it is the reader's text; another text waits for its trace.
      const shown = this.view.origin();
      if (shown?.text === this.state.text) this.clampToken(shown.tokens.length);
      this.draw();
      this.commit();
      this.followWidth(root, () => this.draw());
      this.request = traceSource(this.live);
      await this.live.start();
    }

    protected stopped() {
      this.view.destroy();
      this.mounted = false;
      this.request = null;
    }

    protected exportBody(): object {
      return JSON.parse(this.bodyJson()) as object;
    }

    /** The body may be large (256 × 256 weights): it is written as the view serialised it. */
    protected writeExport() {
      this.exportSlot.writeRaw(this.state, this.bodyJson());
    }

    protected extraNotes() {
      return [...this.live.notes(), ...this.textNotes];
    }

    protected changed(prev: S) {
      this.syncControls();
      if (this.state.text !== prev.text) void this.refresh();
      this.draw();
    }

    private bodyJson(): string {
      return this.mounted ? this.view.bodyJson() : this.builtBody;
    }

    private pickers() {
      return this.querySelectorAll<HTMLSelectElement>('select[data-key]');
    }

    private syncControls() {
      const text = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
      if (text && text.value !== this.state.text) text.value = this.state.text;
      for (const picker of this.pickers()) picker.value = String(this.state[picker.dataset.key as string]);
      this.view.sync?.();
    }

    private onType(value: string) {
      this.choose({ text: value } as Partial<S>);
      this.announce(this.state.text);
      if (!this.started) void this.begin();
    }

    private clampToken(count: number) {
      if (this.state.token === undefined) return;
      const { token, note } = clampToken(this.state.token, count);
      if (token === this.state.token) return;
      if (this.fromLink && note) this.linkNotes.push(note);
      this.state = { ...this.state, token };
      this.renderNotes();
    }

    private async refresh() {
      if (!this.request) return;
      let tr: Trace | undefined;
      try {
        tr = await this.request(this.state.text);
        if (!tr || !this.isConnected) return; // a newer request is on its way
        await this.view.fromTrace(tr);
      } catch (e) {
        this.live.failed(e);
        return;
      }
      if (tr.text !== this.state.text) return; // the reader typed on while side files loaded
      this.live.status.loaded();
      this.clampToken(tr.tokens.length);
      this.fromLink = false;
      this.textNotes = truncationNotes(tr);
      this.dataset.source = 'model';
      this.showModel(tr.model);
      this.renderSource();
      this.renderNotes();
      this.draw();
      this.commit();
    }

    private renderSource() {
      this.live.source(this.view.origin(), this.state.text);
    }

    private draw() {
      if (this.mounted) this.measure(() => this.view.redraw());
    }
  };
}
