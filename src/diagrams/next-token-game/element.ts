/**
 * <glassbox-next-token-game>: the live wrapper around render.ts, on the kit's host
 * (../kit/element.ts) with the next-token feed (../kit/window/feed.ts). The state (and so a
 * course's link) is a built-in sentence and a round; a sentence the reader types replaces the
 * built-in one until they pick another, and is not put in the URL. The running tally lives as
 * long as the page: it compares the reader and the model over the rounds played.
 */
import { addRound, EMPTY_TALLY, type Tally } from '../../math/next-token';
import { DiagramElement } from '../kit/element';
import { WindowFeed, type WindowBody } from '../kit/window/feed';
import entry from './entry';
import { buildRound, sentenceText, type GameRound } from './game';
import type { BetMode, GameChart } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 200;

type State = { sentence: number; round: number };

export type NextTokenGameExport = { state: State } & GameBody;

export type GameBody = WindowBody & {
  /** The round on screen: the tokens seen, the five candidates, the model's loss; null with no rounds. */
  round: GameRound | null;
  /** Rounds revealed on this page so far. */
  tally: Tally;
};

export class GlassboxNextTokenGame extends DiagramElement<State> {
  protected readonly entry = entry;
  private chart: GameChart | null = null;
  /** A sentence the reader typed; '' plays the built-in sentence. */
  private own = '';
  private tally: Tally = EMPTY_TALLY;
  private mode: BetMode = 'pick';
  private readonly feed: WindowFeed = new WindowFeed(this, () => this.text(), () => this.onAnswer());

  protected connected() {
    const select = this.byRole<HTMLSelectElement>('sentence');
    select.value = String(this.state.sentence);
    this.listen(select, 'change', () => {
      if (select.value === '0') return;
      this.choose({ sentence: Number(select.value), round: 1 });
    });
    const input = this.byRole<HTMLTextAreaElement>('text');
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onType(input.value)));
    this.feed.connect(this.exportSlot);
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const root = this.byRole('chart');
    this.width = root.clientWidth;
    const [{ render }] = await Promise.all([import('./render'), this.feed.live.connect()]);
    if (life.disposed) return;
    this.chart = render(root, this.round(), this.options());
    this.followWidth(root, () => this.draw());
    await this.feed.start();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.feed.stop();
  }

  protected exportBody(): GameBody {
    return { ...this.feed.body, round: this.round(), tally: this.tally };
  }

  protected extraNotes(): string[] {
    return this.feed.notes();
  }

  protected changed(prev: State) {
    if (prev.sentence !== this.state.sentence) {
      this.own = '';
      this.byRole<HTMLTextAreaElement>('text').value = '';
      this.byRole<HTMLSelectElement>('sentence').value = String(this.state.sentence);
      if (this.started) void this.feed.refresh();
      else void this.begin();
    }
    this.draw();
  }

  private text(): string {
    return this.own || (sentenceText(this.state.sentence) ?? '');
  }

  private round(): GameRound | null {
    return buildRound(this.feed.body, this.own ? 0 : this.state.sentence, this.state.round);
  }

  private onAnswer() {
    this.showModel(this.feed.body.model);
    this.renderNotes();
    this.draw();
  }

  private onType(value: string) {
    this.own = value.trim() ? value : '';
    this.byRole<HTMLSelectElement>('sentence').value = this.own ? '0' : String(this.state.sentence);
    // A new text starts at its first round; the state keeps the built-in sentence it replaced.
    this.choose({ round: 1 });
    if (this.started) void this.feed.refresh();
    else void this.begin();
  }

  private options() {
    return {
      mode: this.mode,
      tally: this.tally,
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      onReveal: (score: Parameters<typeof addRound>[1]) => {
        this.tally = addRound(this.tally, score);
        this.draw();
      },
      onNext: (round: number) => this.choose({ round }),
      onMode: (mode: BetMode) => {
        this.mode = mode;
      },
    };
  }

  private draw() {
    if (this.chart) this.measure(() => this.chart?.update(this.round(), this.options()));
    this.writeExport();
  }
}

if (!customElements.get('glassbox-next-token-game')) customElements.define('glassbox-next-token-game', GlassboxNextTokenGame);
