/**
 * <glassbox-gradient-step>: one gradient step on the output layer for the reader's sentence. It
 * shows the build-time example until the model answers; then one forward pass per text (the
 * last layer's hidden states and the logits) plus the weight side files (ln_f, the tied
 * unembedding) feed view.ts, and the position and learning-rate sliders recompute from those
 * without asking the model again.
 */
import type { Trace } from '../../model/types';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { showText, typingInput } from '../kit/text-input';
import entry from './entry';
import type { StepOptions } from './render';
import { stepBody, type StepBody, type StepInputs } from './view';

const DEBOUNCE_MS = 200; // ms after the last keystroke
const DRAG_MS = 150; // ms a slider waits before the URL follows

type State = { text: string; position: number; lr: number };

export type GradientStepExport = { state: State } & StepBody;

export class GlassboxGradientStep extends DiagramElement<State> {
  protected readonly entry = entry;
  private body!: StepBody;
  private inputs: StepInputs | null = null;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<StepBody, StepOptions, State>(this, this.port(), () => this.body, () => ({
    width: this.width || undefined,
    reducedMotion: this.reducedMotion(),
    onPick: (position) => this.choose({ position }),
  }));
  private ask: ((text: string) => Promise<Trace | undefined>) | null = null;

  protected connected() {
    this.body = withoutState(this.exportSlot.read<GradientStepExport>());
    showText(typingInput(this, 'text', DEBOUNCE_MS, (text) => this.onType(text)), this.state.text);
    for (const name of ['position', 'lr'] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[data-control="${name}"]`);
      if (input) this.listen(input, 'input', () => this.choose(name === 'lr' ? { lr: Number((10 ** Number(input.value)).toPrecision(2)) } : { position: Number(input.value) }, DRAG_MS));
    }
    this.live.wire();
    this.syncControls();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    if (!(await this.chart.mount(import('./render'), this.live.connect()))) return;
    this.ask = this.live.latest((model, text: string) => model.trace(text, { outputs: ['hiddenStates', 'logits'] }) as Promise<Trace>);
    await this.live.start();
  }

  protected stopped() {
    this.ask = null;
  }

  protected exportBody() {
    return this.body;
  }

  protected changed() {
    this.syncControls();
    if (this.inputs) this.body = stepBody(this.inputs, this.state.position, this.state.lr, 'model');
    this.chart.draw();
  }

  private onType(text: string) {
    this.choose({ text });
    if (this.started) void this.refresh();
    else void this.begin();
  }

  private async refresh() {
    if (!this.ask) return;
    try {
      const tr = await this.ask(this.state.text);
      if (!tr || !this.isConnected) return;
      const { sideFiles, vocabulary } = await import('../../model/assets');
      const [side, vocab] = await Promise.all([sideFiles(tr.model.id), vocabulary(tr.model.id, tr.model.vocabSize)]);
      const L = tr.model.nLayer, T = tr.tokens.length, d = tr.model.nEmbd;
      this.inputs = {
        model: { id: tr.model.id, version: tr.model.version },
        text: tr.text,
        tokens: tr.tokens.map(({ id, text }) => ({ id, text })),
        hidden: tr.hiddenStates.data.subarray(L * T * d, (L + 1) * T * d),
        logits: tr.logits.data,
        norm: side.norm,
        un: side.unembedding,
        vocab,
      };
    } catch (e) {
      this.live.failed(e);
      return;
    }
    this.byRole('error').hidden = true;
    this.dataset.source = 'model';
    this.showModel(this.inputs.model);
    this.body = stepBody(this.inputs, this.state.position, this.state.lr, 'model');
    this.syncControls();
    this.renderSource();
    this.chart.draw();
    this.writeExport();
  }

  private syncControls() {
    const pos = this.querySelector<HTMLInputElement>('input[data-control="position"]');
    const lr = this.querySelector<HTMLInputElement>('input[data-control="lr"]');
    const T = this.body.tokens.length;
    if (pos) {
      pos.max = String(Math.max(1, T - 1));
      if (document.activeElement !== pos) pos.value = String(this.state.position);
      pos.setAttribute('aria-valuetext', `position ${this.state.position}`);
    }
    if (lr) {
      if (document.activeElement !== lr) lr.value = String(Math.log10(this.state.lr));
      lr.setAttribute('aria-valuetext', `learning rate ${this.state.lr}`);
    }
    const out = this.querySelector('output[data-output="lr"]');
    if (out) out.textContent = `η = ${this.state.lr}`;
    const pout = this.querySelector('output[data-output="position"]');
    if (pout) pout.textContent = `position ${this.state.position}`;
  }

  private renderSource() {
    this.live.source({ kind: this.body.source, model: this.body.model, text: this.body.text }, this.state.text);
  }
}

if (!customElements.get('glassbox-gradient-step')) customElements.define('glassbox-gradient-step', GlassboxGradientStep);
