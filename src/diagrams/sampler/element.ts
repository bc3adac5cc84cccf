/**
 * <glassbox-sampler>: the live wrapper around render.ts. It shows the build-time example until the
 * model answers, then runs the sampler chain (src/math/decoding.ts) on the model's full next-token
 * logits for the reader's prompt. Moving a slider, switching or reordering a sampler or changing
 * the seed reruns only the chain on the logits already fetched; typing asks the model again.
 */
import { vocabulary } from '../../model/assets';
import type { ChartOptions } from '../kit/chart';
import { ChartSlot } from '../kit/chart-slot';
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { showText, typingInput } from '../kit/text-input';
import { syncChain, wireChain } from '../kit/decoding/chain-controls';
import { GREEDY_NOTE, isGreedy, resolveOrder, type SamplerState } from '../kit/decoding/fields';
import { promptLogits, type PromptLogits } from '../kit/decoding/source';
import { samplerBody, type SamplerBody } from './data';
import entry from './entry';
import type { SamplerView } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 120;

type State = SamplerState & { text: string };

export type SamplerExport = { state: State } & SamplerBody;

export class GlassboxSampler extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: SamplerBody;
  private logits: PromptLogits | null = null;
  private vocab: string[] = [];
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<SamplerView, ChartOptions, State>(this, this.port(), () => this.data, () => this.options());
  private ask: ((text: string) => Promise<PromptLogits | undefined>) | null = null;

  protected connected() {
    this.data = withoutState(this.exportSlot.read<SamplerExport>());
    showText(typingInput(this, 'prompt', DEBOUNCE_MS, (value) => this.onType(value)), this.state.text);
    wireChain(this, (next, delay) => this.choose(next, delay));
    syncChain(this, this.state);
    this.live.wire();
    this.renderSource();
    this.writeState();
  }

  protected resolve(state: State) {
    return resolveOrder(state);
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    this.ask = this.live.latest((model, text: string) => promptLogits(model, text));
    this.vocab = await vocabulary();
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
    if (isGreedy(this.state)) notes.push(GREEDY_NOTE);
    if (this.data.truncated) notes.push('Your prompt is longer than the model’s context, so it reads only the first tokens.');
    return notes;
  }

  protected changed(prev: State) {
    syncChain(this, this.state);
    if (prev.text !== this.state.text) showText(this.byRole<HTMLTextAreaElement>('prompt'), this.state.text);
    this.recompute();
  }

  private onType(value: string) {
    this.choose({ text: value });
    if (this.started) void this.refresh();
    else void this.begin();
  }

  private async refresh() {
    if (!this.ask) return;
    try {
      const r = await this.ask(this.state.text);
      if (!r || !this.isConnected) return;
      this.logits = r;
    } catch (e) {
      this.live.failed(e);
      return;
    }
    this.byRole('error').hidden = true;
    this.dataset.source = 'model';
    this.showModel(this.logits.model);
    this.recompute();
  }

  /** The chain on the fetched logits: no model call. */
  private recompute() {
    const r = this.logits;
    if (r) {
      const input = { model: r.model, text: r.text, truncated: r.truncated, tokens: r.tokens, logits: r.first };
      this.data = samplerBody(input, this.state, (id) => this.vocab[id] ?? '', 'model');
    }
    this.renderSource();
    this.renderNotes();
    this.chart.draw();
    this.writeExport();
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }

  private options(): ChartOptions {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }
}

if (!customElements.get('glassbox-sampler')) customElements.define('glassbox-sampler', GlassboxSampler);
