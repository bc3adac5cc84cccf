/**
 * <glassbox-in-context>: the live wrapper around render.ts, on the kit's host (../kit/element.ts:
 * state, URL, export, lifecycle) and live-model part (../kit/live.ts). It shows the build-time
 * example until the model answers, then one forward pass over the reader's sequence repeated,
 * with the induction head found at run time in heads.json (the highest `scores.induction`), and
 * the few-shot prompt's guesses. The token whose details show is not state; hovering only restyles.
 */
import type { ModelApi } from '../../model/api';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { formatPin } from '../kit/link';
import { showText, typingInput } from '../kit/text-input';
import { strongestHead, type HeadPick } from './data';
import entry from './entry';
import type { FewShot } from './few-shot';
import type { InContextOptions } from './render';
import { runFewShot, runInContext } from './source';
import type { InContextBody } from './view';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 150;

type State = { text: string; repeat: number };

export class GlassboxInContext extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: InContextBody;
  private position: number | undefined;
  private head: HeadPick | null = null;
  private fewShot: FewShot | null = null;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<InContextBody, InContextOptions, State>(this, this.port(), () => this.data, () => this.options());
  private ask: ((s: State) => Promise<InContextBody | undefined>) | null = null;

  protected connected() {
    this.data = withoutState(this.exportSlot.read<InContextBody & { state: State }>());
    showText(typingInput(this, 'text', DEBOUNCE_MS, (value) => this.onChange({ text: value })), this.state.text);
    const repeat = this.byRole<HTMLSelectElement>('repeat');
    repeat.value = String(this.state.repeat);
    this.listen(repeat, 'change', () => this.onChange({ repeat: Number(repeat.value) }));
    this.live.wire();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    this.ask = this.live.latest((model, s: State) => this.run(model, s));
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
      notes.push(`${this.data.repeat} copies of your sequence are longer than the model's context, so it reads only the first ${this.data.tokens.length} tokens.`);
    }
    return notes;
  }

  protected changed(prev: State) {
    const text = this.byRole<HTMLTextAreaElement>('text');
    showText(text, this.state.text);
    this.byRole<HTMLSelectElement>('repeat').value = String(this.state.repeat);
    if (prev.text !== this.state.text || prev.repeat !== this.state.repeat) {
      this.position = undefined;
      void this.refresh();
    }
  }

  private onChange(next: Partial<State>) {
    this.choose(next);
    if (!this.started) void this.begin();
  }

  /** The head (heads.json, once) and the few-shot guesses (once), then this state's pass. */
  private async run(model: ModelApi, s: State): Promise<InContextBody> {
    if (!this.head) {
      const { headScores } = await import('../../model/assets');
      this.head = strongestHead((await headScores(this.pin ? formatPin(this.pin) : undefined)).scores.induction);
    }
    this.fewShot ??= await runFewShot(model);
    const d = await runInContext(model, s.text, s.repeat, this.head);
    return { source: 'model', ...d, few_shot: this.fewShot };
  }

  private async refresh() {
    if (!this.ask) return;
    let r: InContextBody | undefined;
    try {
      r = await this.ask({ ...this.state });
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!r || !this.isConnected) return; // a newer request is on its way
    this.byRole('error').hidden = true;
    this.data = r;
    this.dataset.source = 'model';
    this.showModel(r.model);
    this.renderSource();
    this.renderNotes();
    this.draw();
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: this.data.sequence }, this.state.text);
  }

  private options(): InContextOptions {
    return {
      position: this.position,
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      onSelect: (p) => {
        this.position = p;
        this.chart.draw();
      },
    };
  }

  private draw() {
    this.chart.draw();
    this.writeExport();
  }
}

if (!customElements.get('glassbox-in-context')) customElements.define('glassbox-in-context', GlassboxInContext);
