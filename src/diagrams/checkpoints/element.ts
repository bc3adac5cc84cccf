/**
 * <glassbox-checkpoints>: what a checkpoint of the shipped model's own training run believed after
 * the reader's prompt. The final checkpoint is the model itself (the page's model); the others are
 * fetched only when the reader moves the scrubber there (or a link names them), with a progress
 * bar, through the model layer's checkpoint refs (src/model/catalogue.ts).
 */
import type { ModelApi } from '../../model/api';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import type { ChartOptions } from '../kit/chart';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { showText, typingInput } from '../kit/text-input';
import entry from './entry';
import { believed, nearest, type Belief, type CheckpointList } from './view';

export type { CheckpointList };

const DEBOUNCE_MS = 250; // ms after the last keystroke

type State = { text: string; step: number };

export type CheckpointsExport = { state: State } & Belief;

export class GlassboxCheckpoints extends DiagramElement<State> {
  protected readonly entry = entry;
  private body!: Belief;
  private ckpts!: CheckpointList;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<Belief, ChartOptions, State>(this, this.port(), () => this.body, () => ({ width: this.width || undefined, reducedMotion: this.reducedMotion() }));
  private seq = 0;

  protected connected() {
    this.body = withoutState(this.exportSlot.read<CheckpointsExport>());
    this.ckpts = JSON.parse(this.byRole('checkpoint-list').textContent || '{"list":[]}') as CheckpointList;
    showText(typingInput(this, 'text', DEBOUNCE_MS, (text) => this.onText(text)), this.state.text);
    const scrub = this.byRole<HTMLInputElement>('scrubber');
    this.listen(scrub, 'input', () => {
      const c = this.ckpts.list[Number(scrub.value)];
      if (c) this.choose({ step: c.step });
    });
    this.live.wire();
    this.syncScrubber();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    await this.live.start();
  }

  protected exportBody() {
    return this.body;
  }

  protected extraNotes() {
    const notes = this.live.notes();
    if (!this.ckpts.list.length) notes.push('This model’s checkpoints are not published yet, so only the final model is shown.');
    return notes;
  }

  protected changed(prev: State) {
    this.syncScrubber();
    if (prev.step !== this.state.step || prev.text !== this.state.text) {
      if (this.started) void this.refresh();
      else void this.begin();
    }
  }

  private onText(text: string) {
    this.choose({ text });
  }

  private checkpoint(): CheckpointList['list'][number] | null {
    return this.ckpts.list.length ? this.ckpts.list[nearest(this.ckpts.list, this.state.step)] : null;
  }

  /** The model for the chosen checkpoint: the page's model for the final one, else a checkpoint ref. */
  private async modelFor(c: CheckpointList['list'][number] | null): Promise<ModelApi | null> {
    if (!c || c.path === '.') return this.live.model;
    const [client, { checkpointRef }] = await Promise.all([this.live.connect(), import('../../model/catalogue')]);
    const model = client.getModel(checkpointRef(this.ckpts.parent, c));
    const bar = this.byRole<HTMLProgressElement>('ckpt-bar');
    const box = this.byRole('ckpt-progress');
    const off = model.onEvent((e) => {
      if (e.type === 'progress') {
        box.hidden = false;
        bar.max = e.total || c.bytes;
        bar.value = e.loaded;
        this.byRole('ckpt-text').textContent = `Fetching the step-${c.step} checkpoint: ${(e.loaded / 1e6).toFixed(1)} of ${((e.total || c.bytes) / 1e6).toFixed(1)} MB`;
      } else box.hidden = true;
    });
    this.life.add(off);
    return model;
  }

  private async refresh() {
    const mine = ++this.seq;
    const c = this.checkpoint();
    try {
      const model = await this.modelFor(c);
      if (!model) return;
      await model.load();
      const last = this.ckpts.list.at(-1);
      const b = await believed(model, this.state.text, c?.step ?? this.body.step, c?.tokens ?? last?.tokens ?? this.body.tokens_seen);
      if (mine !== this.seq || !this.isConnected) return; // a newer request is on its way
      this.body = b;
    } catch (e) {
      this.live.failed(e);
      return;
    }
    this.byRole('error').hidden = true;
    this.byRole('ckpt-progress').hidden = true;
    this.dataset.source = 'model';
    this.showModel(this.ckpts.parent.id ? this.ckpts.parent : this.body.model);
    this.renderSource();
    this.renderNotes();
    this.chart.draw();
    this.writeExport();
  }

  private syncScrubber() {
    const scrub = this.byRole<HTMLInputElement>('scrubber');
    const n = this.ckpts.list.length;
    scrub.max = String(Math.max(0, n - 1));
    scrub.disabled = n < 2;
    const c = this.checkpoint();
    if (c) scrub.value = String(nearest(this.ckpts.list, this.state.step));
    const text = c ? (c.step === 0 ? 'step 0, random initialisation' : `step ${c.step.toLocaleString('en-US')}, ${(c.tokens / 1e6).toFixed(1)} M tokens seen`) : 'the final model';
    scrub.setAttribute('aria-valuetext', text);
    this.byRole('scrub-out').textContent = text;
  }

  private renderSource() {
    this.live.source({ kind: this.body.source, model: this.body.model, text: this.body.text }, this.state.text);
  }
}

if (!customElements.get('glassbox-checkpoints')) customElements.define('glassbox-checkpoints', GlassboxCheckpoints);
