/**
 * <glassbox-train-live>: the reader trains a tiny character model in a Web Worker (worker.ts).
 * The main thread only posts commands and draws, every DRAW_MS at most. Changing the
 * text, learning rate or seed resets the run; hiding the tab pauses it, as does leaving the page.
 */
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import type { ChartOptions } from '../kit/chart';
import { DiagramElement } from '../kit/element';
import { TRAIN_TEXT } from '../../data/train-text';
import entry from './entry';
import type { FromTrainer, ToTrainer } from './protocol';
import { EMPTY_BODY, type TrainBody } from './view';

type State = { text: string; lr: number; seed: number };

export type TrainLiveExport = { state: State } & TrainBody;

const DRAG_MS = 150; // ms a slider waits before the URL follows
const DRAW_MS = 250; // ms between redraws while training

export class GlassboxTrainLive extends DiagramElement<State> {
  protected readonly entry = entry;
  private body: TrainBody = { ...EMPTY_BODY };
  private worker: Worker | null = null;
  /** The current run's id; messages from an earlier run are dropped. */
  private run = 0;
  private readonly chart = new ChartSlot<TrainBody, ChartOptions, State>(this, this.port(), () => this.body, () => ({ width: this.width || undefined, reducedMotion: this.reducedMotion() }));

  protected connected() {
    this.body = { ...EMPTY_BODY, ...withoutState(this.exportSlot.read<TrainLiveExport>()) };
    this.listen(this.byRole('play'), 'click', () => this.send(this.body.running ? { type: 'pause' } : { type: 'run' }, !this.body.running));
    this.listen(this.byRole('step'), 'click', () => this.send({ type: 'step' }, false));
    this.listen(this.byRole('reset'), 'click', () => this.reset());
    const lr = this.byRole<HTMLInputElement>('lr');
    this.listen(lr, 'input', () => this.choose({ lr: Number((10 ** Number(lr.value)).toPrecision(2)) }, DRAG_MS));
    const seed = this.byRole<HTMLInputElement>('seed');
    this.listen(seed, 'change', () => this.choose({ seed: Number(seed.value) }));
    const text = this.byRole<HTMLTextAreaElement>('text');
    this.listen(text, 'change', () => this.choose({ text: text.value }));
    this.listen(document, 'visibilitychange', () => {
      if (document.hidden && this.body.running) this.send({ type: 'pause' }, false);
    });
    this.sync();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), Promise.resolve(true)))) return;
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'glassbox-train-live' });
    this.worker.onmessage = (ev: MessageEvent<FromTrainer>) => this.receive(ev.data);
    this.life.add(() => {
      this.worker?.terminate();
      this.worker = null;
    });
    this.reset();
  }

  protected exportBody() {
    return this.body;
  }

  protected changed(prev: State) {
    this.sync();
    if (prev.text !== this.state.text || prev.lr !== this.state.lr || prev.seed !== this.state.seed) this.reset();
  }

  private text(): string {
    return this.state.text.trim().length > 8 ? this.state.text : TRAIN_TEXT;
  }

  private reset() {
    this.body = { ...EMPTY_BODY };
    this.send({ type: 'reset', text: this.text(), lr: this.state.lr, seed: this.state.seed, run: ++this.run }, false);
    this.draw();
  }

  private send(m: ToTrainer, running: boolean) {
    if (!this.worker) {
      void this.begin();
      return;
    }
    this.worker.postMessage(m);
    this.body.running = running;
    this.sync();
  }

  private receive(m: FromTrainer) {
    if (m.type === 'error') {
      this.byRole('train-error').textContent = m.message;
      return;
    }
    if (m.run !== this.run) return;
    if (m.type === 'ready') {
      this.body = { ...EMPTY_BODY, vocab: m.vocab, initial: m.initial };
      this.byRole('train-error').textContent = '';
    } else {
      this.body.losses.push(...m.losses);
      if (m.sample) this.body.samples.push(m.sample);
    }
    if (m.type === 'ready') {
      this.dataset.source = 'model';
      this.sync();
    }
    // Redraw and rewrite the export at most every DRAW_MS: the worker posts ~80 slices a second,
    // and on a busy machine drawing each one would give the main thread long tasks.
    if (!this.life.pending('draw')) this.life.later('draw', DRAW_MS, () => this.draw());
  }

  private draw() {
    this.chart.draw();
    this.writeExport();
  }

  private sync() {
    const play = this.byRole<HTMLButtonElement>('play');
    play.textContent = this.body.running ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(this.body.running));
    const lr = this.byRole<HTMLInputElement>('lr');
    if (document.activeElement !== lr) lr.value = String(Math.log10(this.state.lr));
    lr.setAttribute('aria-valuetext', `learning rate ${this.state.lr}`);
    this.byRole('lr-out').textContent = `learning rate ${this.state.lr}`;
    this.byRole<HTMLInputElement>('seed').value = String(this.state.seed);
  }
}

if (!customElements.get('glassbox-train-live')) customElements.define('glassbox-train-live', GlassboxTrainLive);
