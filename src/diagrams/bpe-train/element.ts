/**
 * <glassbox-bpe-train>: trains BPE (src/math/bpe.ts) on the reader's paragraph in the page and
 * steps through the merges; built on the kit's host (../kit/element.ts: state, URL, export,
 * lifecycle) and the merge views' step controls (../kit/tokenizers/steps.ts). Training 30 merges
 * on at most 1,000 characters takes a few milliseconds, so it runs on the main thread, debounced
 * while typing.
 */
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import type { StateOf } from '../kit/schema';
import { normalizeState } from '../kit/state';
import { showSource } from '../kit/tokenizers/provenance';
import { syncSteps, wireSteps } from '../kit/tokenizers/steps';
import type { TrainExport } from './data';
import entry from './entry';
import type { TrainChart } from './render';

/** ms after the last keystroke before the text is trained on again. */
const DEBOUNCE_MS = 150;

type State = StateOf<typeof entry.state>;

export class GlassboxBpeTrain extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: TrainExport;
  private chart: TrainChart | null = null;
  private train: typeof import('./data').train | null = null;
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];

  protected connected() {
    this.data = this.exportSlot.read<TrainExport>();
    const input = this.byRole<HTMLTextAreaElement>('text');
    this.syncText();
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onText(input.value)));
    wireSteps(this, (s) => this.go(s), () => this.state.step, () => this.data.result.steps.length);
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const [{ render }, { train }] = await Promise.all([import('./render'), import('./data')]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.train = train;
    this.data = train(this.state, 'model');
    this.chart = render(this.byRole('chart'), this.data, this.options());
    this.dataset.source = 'model';
    showSource(this.byRole('source'), 'live', 'Live: trained in your browser on the text above.');
    this.draw();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
  }

  protected exportBody() {
    return withoutState(this.data);
  }

  protected extraNotes() {
    return this.typedNotes;
  }

  protected changed(prev: State) {
    const retrain = prev.text !== this.state.text;
    if (retrain) {
      this.syncText();
      if (this.train) this.data = this.train(this.state, 'model');
    }
    this.draw();
    if (retrain && !this.started) void this.begin();
  }

  private onText(value: string) {
    const next = normalizeState({ text: value, step: this.state.step }, this.entry.state);
    this.typedNotes = next.notes;
    this.choose(next.state as State);
  }

  private syncText() {
    const input = this.byRole<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
  }

  private go(step: number) {
    const s = Math.max(0, Math.min(this.data.result.steps.length, step));
    if (s !== this.state.step) this.choose({ step: s });
  }

  private options() {
    return { step: this.state.step, width: this.byRole('chart').clientWidth || undefined };
  }

  private draw() {
    const n = this.data.result.steps.length;
    const s = Math.min(this.state.step, n);
    syncSteps(this, s, n, `merge ${s} of ${n}`);
    this.writeExport();
    const chart = this.chart;
    if (chart) this.measure(() => chart.update(this.data, this.options()));
  }
}

if (!customElements.get('glassbox-bpe-train')) customElements.define('glassbox-bpe-train', GlassboxBpeTrain);
