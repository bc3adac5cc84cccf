/**
 * The host of the decoding views that loop over the model (generate, beam search, sample tree): a
 * prompt box, the live model, the chart, and one async computation over the prompt's logits
 * (source.ts) that reruns on every change of state. Only the newest run's result is drawn, so a
 * slow run never overwrites a newer one. A view supplies its render module, the computation and
 * its own controls.
 */
import { vocabulary } from '../../../model/assets';
import { withoutState } from '../body';
import type { ChartOptions } from '../chart';
import { ChartSlot, type SlotRender } from '../chart-slot';
import { DiagramElement, type AnyState } from '../element';
import { LiveModel } from '../live';
import { showText, typingInput } from '../text-input';
import { promptLogits, type Hooks, type PromptLogits } from './source';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 200;

export interface DecodingBody {
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
}

export abstract class DecodingElement<S extends AnyState & { text: string }, B extends DecodingBody, O extends ChartOptions = ChartOptions> extends DiagramElement<S> {
  protected data!: B;
  protected readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  protected readonly chart = new ChartSlot<B, O, S>(this, this.port(), () => this.data, () => this.options());
  private vocab: string[] = [];
  private run = 0;

  /** The render module, loaded near the viewport. */
  protected abstract load(): Promise<{ render: SlotRender<B, O> }>;
  /** The view's numbers for the state, from the prompt's logits. */
  protected abstract compute(p: PromptLogits, decode: (id: number) => string): Promise<B>;
  /** Wire the view's own controls. */
  protected abstract wire(): void;
  /** Put the state into the view's own controls. */
  protected abstract sync(): void;
  protected abstract options(): O;
  /** A run started (true) or ended (false): views show progress. */
  protected busy(_on: boolean): void {}
  /** Hooks on the model requests of a run (progress, timing). */
  protected hooks(): Hooks {
    return {};
  }

  protected connected() {
    this.data = withoutState(this.exportSlot.read<B & { state: S }>()) as unknown as B;
    showText(typingInput(this, 'prompt', DEBOUNCE_MS, (text) => this.choose({ text } as Partial<S>)), this.state.text);
    this.wire();
    this.sync();
    this.live.wire();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(this.load(), this.live.connect()))) return;
    this.vocab = await vocabulary();
    await this.live.start();
  }

  protected exportBody() {
    return this.data;
  }

  protected extraNotes() {
    const notes = this.live.notes();
    if (this.data.truncated) notes.push('Your prompt is longer than the model’s context, so it reads only the first tokens.');
    return notes;
  }

  protected changed(prev: S) {
    this.sync();
    if (prev.text !== this.state.text) showText(this.byRole<HTMLTextAreaElement>('prompt'), this.state.text);
    if (this.started) void this.refresh();
    else void this.begin();
  }

  protected async refresh() {
    const model = this.live.model;
    if (!model) return;
    const mine = ++this.run;
    this.busy(true);
    let body: B;
    try {
      const p = await promptLogits(model, this.state.text, this.hooks());
      body = await this.compute(p, (id) => this.vocab[id] ?? '');
    } catch (e) {
      this.live.failed(e);
      return;
    } finally {
      if (mine === this.run) this.busy(false);
    }
    if (mine !== this.run || !this.isConnected) return;
    this.byRole('error').hidden = true;
    this.data = body;
    this.dataset.source = 'model';
    this.showModel(body.model);
    this.redraw();
  }

  protected redraw() {
    this.renderSource();
    this.renderNotes();
    this.chart.draw();
    this.writeExport();
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }
}
