/**
 * <glassbox-confidence>: the live wrapper around render.ts, on the kit's host (../kit/element.ts:
 * state, URL, export, lifecycle) and live-model part (../kit/live.ts). It shows the build-time
 * example of the default prompts until the model answers, then one forward pass per prompt, the
 * reader's added ones (state `added`, in the URL) included. Which prompt's top five show is not
 * state; picking one only restyles.
 */
import type { ModelApi } from '../../model/api';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { formatPin } from '../kit/link';
import { appendAdded, DEFAULT_PROMPTS, MAX_ADDED, normalizeAnswer, parseAdded, type FactPrompt, type PromptResult } from './data';
import entry from './entry';
import type { ConfidenceOptions } from './render';
import { runPrompt } from './source';
import { bodyOf, type ConfidenceBody } from './view';

type State = { added: string };

export class GlassboxConfidence extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: ConfidenceBody;
  private position: number | undefined;
  /** Scored prompts by "prompt\nanswer", so adding one reruns only the new one. */
  private readonly scored = new Map<string, PromptResult>();
  private decode: ((id: number) => string) | null = null;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<ConfidenceBody, ConfidenceOptions, State>(this, this.port(), () => this.data, () => this.options());
  private ask: ((added: string) => Promise<PromptResult[] | undefined>) | null = null;

  protected connected() {
    this.data = withoutState(this.exportSlot.read<ConfidenceBody & { state: State }>());
    const form = this.byRole<HTMLFormElement>('add');
    this.listen(form, 'submit', (ev) => {
      ev.preventDefault();
      this.add();
    });
    this.listen(this.byRole('clear'), 'click', () => this.onChange(''));
    this.live.wire();
    this.renderSource();
    this.syncControls();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    this.ask = this.live.latest((model, added: string) => this.run(model, added));
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
    if (this.state.added.split('\n').filter((l) => l.includes('|')).length > MAX_ADDED) {
      notes.push(`Only your first ${MAX_ADDED} prompts are scored.`);
    }
    return notes;
  }

  protected changed(prev: State) {
    this.syncControls();
    if (prev.added !== this.state.added) void this.refresh();
  }

  private syncControls() {
    this.byRole<HTMLButtonElement>('clear').hidden = parseAdded(this.state.added).length === 0;
  }

  private add() {
    const prompt = this.byRole<HTMLInputElement>('new-prompt');
    const answer = this.byRole<HTMLInputElement>('new-answer');
    const hint = this.byRole('add-hint');
    if (!prompt.value.trim() || !answer.value.trim()) {
      hint.textContent = 'Write a prompt and the answer it should get.';
      return;
    }
    if (parseAdded(this.state.added).length >= MAX_ADDED) {
      hint.textContent = `You can add up to ${MAX_ADDED} prompts.`;
      return;
    }
    const p = { prompt: prompt.value.trim(), answer: normalizeAnswer(prompt.value.trim(), answer.value.trim()) };
    hint.textContent = '';
    prompt.value = '';
    answer.value = '';
    this.position = DEFAULT_PROMPTS.length + parseAdded(this.state.added).length + 1;
    this.onChange(appendAdded(this.state.added, p));
  }

  private onChange(added: string) {
    this.choose({ added });
    if (!this.started) void this.begin();
  }

  private async run(model: ModelApi, added: string): Promise<PromptResult[]> {
    if (!this.decode) {
      const { vocabulary } = await import('../../model/assets');
      const info = await model.load();
      const vocab = await vocabulary(this.pin ? formatPin(this.pin) : undefined, info.vocabSize);
      this.decode = (id) => vocab[id];
    }
    const all: (FactPrompt & { added: boolean })[] = [...DEFAULT_PROMPTS.map((p) => ({ ...p, added: false })), ...parseAdded(added).map((p) => ({ ...p, added: true }))];
    const out: PromptResult[] = [];
    for (const p of all) {
      const key = `${p.prompt}\n${p.answer}\n${p.added}`;
      let r = this.scored.get(key);
      if (!r) {
        r = await runPrompt(model, p, this.decode);
        this.scored.set(key, r);
      }
      out.push(r);
    }
    return out;
  }

  private async refresh() {
    if (!this.ask) return;
    let r: PromptResult[] | undefined;
    try {
      r = await this.ask(this.state.added);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!r || !this.isConnected || !this.live.info) return; // a newer request is on its way
    this.byRole('error').hidden = true;
    this.data = bodyOf('model', { id: this.live.info.id, version: this.live.info.version }, r);
    this.dataset.source = 'model';
    this.showModel(this.data.model);
    this.renderSource();
    this.renderNotes();
    this.draw();
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: '' }, '');
  }

  private options(): ConfidenceOptions {
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

if (!customElements.get('glassbox-confidence')) customElements.define('glassbox-confidence', GlassboxConfidence);
