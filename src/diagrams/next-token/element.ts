/**
 * <glassbox-next-token>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle) and its live-model part (../kit/live.ts).
 * It shows the build-time example until the model answers, then the model's ten most likely next
 * tokens for the reader's prompt. Only this file and its dynamic imports run in the page; the
 * model runtime and d3 load near the viewport.
 */
import type { NextTokens } from '../../model/api';
import type { ChartOptions } from '../kit/chart';
import { ChartSlot } from '../kit/chart-slot';
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { nextTokensSource } from '../kit/sources/next-tokens';
import { showText, typingInput } from '../kit/text-input';
import { followText } from '../kit/window/links';
import entry from './entry';
import type { NextTokenView } from './render';

/** How many candidates the bars show. */
const K = 10;
/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 60;

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

type Body = Omit<NextTokenExport, 'state'>;

function bodyOf(r: NextTokens): Body {
  return {
    source: 'model',
    model: { id: r.model.id, version: r.model.version },
    text: r.text,
    truncated: r.truncated,
    tokens: r.tokens.map(({ id, text }) => ({ id, text })),
    top: r.top.map(({ id, text, p }) => ({ id, text, p })),
  };
}

export class GlassboxNextToken extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: Body;
  private context = 0;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<NextTokenView, ChartOptions, State>(this, this.port(), () => this.view(), () => this.options());
  private ask: ((text: string) => Promise<NextTokens | undefined>) | null = null;

  protected connected() {
    this.data = withoutState(this.exportSlot.read<NextTokenExport>());
    showText(typingInput(this, 'prompt', DEBOUNCE_MS, (value) => this.onType(value)), this.state.text);
    this.live.wire();
    this.renderSource();
    followText(this, this.state.text);
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    this.ask = nextTokensSource(this.live, K);
    await this.live.start();
  }

  protected stopped() {
    this.ask = null;
  }

  protected exportBody() {
    return this.data;
  }

  protected extraNotes() {
    const notes = this.live.notes();
    if (this.data.truncated && this.data.source === 'model') {
      notes.push(`Your text is longer than the model's context of ${this.context} tokens, so it reads only the first ${this.context}.`);
    }
    return notes;
  }

  /** No `changed` hook here, so `choose` only takes the text, drops the link's notes, writes and announces it. */
  private onType(value: string) {
    this.choose({ text: value });
    followText(this, this.state.text);
    if (this.started) void this.refresh();
    else void this.begin();
  }

  private async refresh() {
    if (!this.ask) return;
    let r: NextTokens | undefined;
    try {
      r = await this.ask(this.state.text);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!r || !this.isConnected) return; // a newer request is on its way
    this.byRole('error').hidden = true;
    this.data = bodyOf(r);
    this.context = r.model.nPositions;
    this.dataset.source = 'model';
    this.showModel(r.model);
    this.renderSource();
    this.renderNotes();
    this.draw();
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }

  private view(): NextTokenView {
    const { text, truncated, tokens, top } = this.data;
    return { text, truncated, tokens, top };
  }

  private options(): ChartOptions {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }

  private draw() {
    this.chart.draw();
    this.writeExport();
  }
}

if (!customElements.get('glassbox-next-token')) customElements.define('glassbox-next-token', GlassboxNextToken);
