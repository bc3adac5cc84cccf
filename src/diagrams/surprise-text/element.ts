/**
 * <glassbox-surprise-text>: the live wrapper around render.ts, on the kit's host
 * (../kit/element.ts) with the next-token feed (../kit/window/feed.ts). It shows the build-time
 * example until the model answers, then the reader's text tinted by loss. The token whose row
 * is shown is not part of the state (a link names the text); hovering it only restyles.
 */
import { DiagramElement } from '../kit/element';
import { normalizeState } from '../kit/state';
import { WindowFeed, type WindowBody } from '../kit/window/feed';
import { followText } from '../kit/window/links';
import entry from './entry';
import type { SurpriseChart } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 120;

type State = { text: string };

export type SurpriseTextExport = { state: State } & WindowBody;

export class GlassboxSurpriseText extends DiagramElement<State> {
  protected readonly entry = entry;
  private chart: SurpriseChart | null = null;
  /** The token whose details show; undefined: the costliest. */
  private position: number | undefined;
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
    if (life.disposed) return;
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
    if (prev.text === this.state.text) return;
    const input = this.byRole<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.textChanged();
  }

  private onAnswer() {
    this.showModel(this.feed.body.model);
    this.renderNotes();
    this.draw();
  }

  private onType(value: string) {
    this.state = normalizeState({ text: value }, this.entry.state).state as State;
    this.fromLink = false;
    this.linkNotes = [];
    this.renderNotes();
    this.commit();
    this.emit();
    this.textChanged();
  }

  private textChanged() {
    this.position = undefined; // the costliest token of the new text
    followText(this, this.state.text);
    if (this.started) void this.feed.refresh();
    else void this.begin();
  }

  private options() {
    return {
      position: this.position,
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      onSelect: (position: number) => {
        this.position = position;
        this.draw(false);
      },
    };
  }

  private draw(full = true) {
    if (this.chart) this.measure(() => this.chart?.update(this.feed.body, this.options()));
    if (full) this.writeExport();
  }
}

if (!customElements.get('glassbox-surprise-text')) customElements.define('glassbox-surprise-text', GlassboxSurpriseText);
