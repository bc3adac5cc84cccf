/**
 * <glassbox-next-token-window>: the live wrapper around render.ts, on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle) with the next-token feed
 * (../kit/window/feed.ts: the live model, one forward pass per text). It shows the build-time
 * example until the model answers, then every position of the reader's text. A hover only
 * restyles rows, timed under `glassbox:update:next-token-window`; the URL follows a moment later.
 */
import { DiagramElement } from '../kit/element';
import { normalizeState } from '../kit/state';
import { WindowFeed, type WindowBody } from '../kit/window/feed';
import { followText } from '../kit/window/links';
import entry from './entry';
import type { WindowChart } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 60;
/** ms after the last hover before the state is written to the URL, the link and the export. */
const HOVER_COMMIT_MS = 250;

type State = { text: string; position: number };

export type NextTokenWindowExport = { state: State } & WindowBody;

export class GlassboxNextTokenWindow extends DiagramElement<State> {
  protected readonly entry = entry;
  private chart: WindowChart | null = null;
  private readonly feed: WindowFeed = new WindowFeed(this, () => this.state.text, () => this.onAnswer());

  protected connected() {
    const input = this.byRole<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onType(input.value)));
    this.feed.connect(this.exportSlot);
    followText(this, this.state.text);
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const root = this.byRole('chart');
    this.width = root.clientWidth;
    const [{ render }] = await Promise.all([import('./render'), this.feed.live.connect()]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.chart = render(root, this.feed.body, this.options());
    this.followWidth(root, () => this.draw());
    await this.feed.start();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.feed.stop();
  }

  protected exportBody() {
    return this.feed.body;
  }

  protected extraNotes(): string[] {
    return this.feed.notes();
  }

  protected changed(prev: State) {
    if (prev.text !== this.state.text) {
      const input = this.byRole<HTMLTextAreaElement>('text');
      if (input.value !== this.state.text) input.value = this.state.text;
      followText(this, this.state.text);
      void this.feed.refresh();
    }
    this.draw(false);
  }

  private onAnswer() {
    this.showModel(this.feed.body.model);
    this.renderNotes();
    this.draw();
  }

  private onType(value: string) {
    this.state = normalizeState({ ...this.state, text: value }, this.entry.state).state as State;
    this.fromLink = false;
    this.linkNotes = []; // they described the link, not what the reader has typed since
    this.renderNotes();
    followText(this, value);
    this.commit();
    this.emit();
    if (this.started) void this.feed.refresh();
    else void this.begin();
  }

  private options() {
    return {
      position: this.state.position,
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      onSelect: (position: number) => this.choose({ position }, HOVER_COMMIT_MS),
    };
  }

  /** Redraw under the update mark; `full` also rewrites the export (new data, new width). */
  private draw(full = true) {
    if (this.chart) this.measure(() => this.chart?.update(this.feed.body, this.options()));
    if (full) this.writeExport();
  }
}

if (!customElements.get('glassbox-next-token-window')) customElements.define('glassbox-next-token-window', GlassboxNextTokenWindow);
