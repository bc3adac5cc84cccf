/**
 * <glassbox-seq2seq>: the live wrapper around render.ts, on the kit's host (../kit/element.ts:
 * state, URL, export, lifecycle) and its companion-model part (../kit/live-companion.ts). Near
 * the viewport it loads d3, GSAP and the build-time example run, then asks glassbox-seq2seq (in
 * the model worker, fetched only then) to translate the reader's date; every attention of that
 * one greedy decode is kept, so layer, head, view and step redraw without asking again.
 */
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { LiveCompanion } from '../kit/live-companion';
import type { StateOf } from '../kit/schema';
import { showText, typingInput } from '../kit/text-input';
import type { Translation } from '../../model/companions';
import { exportOf, matrixOf, runOf, type Seq2SeqBody, type Seq2SeqRun } from './data';
import entry, { MAX_TOKENS } from './entry';
import type { Seq2SeqChart, Seq2SeqOptions } from './render';

type State = StateOf<typeof entry.state>;

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 150;

export class GlassboxSeq2seq extends DiagramElement<State> {
  protected readonly entry = entry;
  private body!: Omit<Seq2SeqBody, 'state'>;
  /** The decode on screen: the example until the model answers, then the reader's date. */
  private run: Seq2SeqRun | null = null;
  private origin: 'example' | 'model' = 'example';
  private chart: Seq2SeqChart | null = null;
  private gsap: typeof import('gsap').gsap | undefined;
  /** The encoder view's selected source row (not state: it is where the reader is reading). */
  private row = 0;
  private playing = false;
  private readonly live = new LiveCompanion(this, 'seq2seq', () => this.refresh(), () => this.renderSource());
  private ask: ((text: string) => Promise<Translation | undefined>) | null = null;

  protected connected() {
    this.body = withoutState(this.exportSlot.read<Seq2SeqBody & { state: State }>());
    showText(typingInput(this, 'text', DEBOUNCE_MS, (value) => this.choose({ text: value })), this.state.text);
    for (const key of ['attn', 'layer', 'head'] as const) {
      const sel = this.byRole<HTMLSelectElement>(key);
      this.listen(sel, 'change', () => this.choose({ [key]: key === 'attn' ? sel.value : Number(sel.value) } as Partial<State>));
    }
    const slider = this.byRole<HTMLInputElement>('slider');
    this.listen(slider, 'input', () => this.go(Number(slider.value)));
    this.listen(this.byRole('prev'), 'click', () => this.go(this.step() - 1));
    this.listen(this.byRole('next'), 'click', () => this.go(this.step() + 1));
    this.listen(this.byRole('play'), 'click', () => this.togglePlay());
    // Playing stops when the diagram leaves the screen (DESIGN.md §3, lifecycle).
    if (typeof IntersectionObserver !== 'undefined') {
      const io = new IntersectionObserver((es) => es.some((e) => !e.isIntersecting) && this.stop());
      io.observe(this);
      this.life.add(() => io.disconnect());
    }
    this.live.wire();
    this.renderSource();
    this.syncControls();
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const [{ render }, { gsap }, example] = await Promise.all([import('./render'), import('gsap'), import('../../data/examples/seq2seq.json')]);
    if (life.disposed) return;
    this.gsap = gsap;
    this.run = example.default as Seq2SeqRun;
    const root = this.byRole('chart');
    this.chart = render(root, matrixOf(this.run, this.state), this.options());
    this.followWidth(root, () => this.draw());
    this.ask = this.live.latest((m, text: string) => m.translate(text, MAX_TOKENS));
    this.draw();
    await this.live.start();
  }

  protected stopped() {
    this.stop();
    this.chart?.destroy();
    this.chart = null;
    this.ask = null;
  }

  protected exportBody() {
    return this.run ? exportOf(this.run, this.state, this.origin) : this.body;
  }

  protected extraNotes() {
    return this.state.text.trim() ? [] : ['Type a date for the model to translate.'];
  }

  protected changed(prev: State) {
    if (!this.playing || prev.step === this.state.step) this.stop();
    if (prev.text !== this.state.text) {
      showText(this.byRole<HTMLTextAreaElement>('text'), this.state.text);
      if (this.started) void this.refresh();
      else void this.begin();
    }
    this.draw();
  }

  /** The step shown: the state's, clamped to the output's length. */
  private step() {
    return Math.min(Math.max(0, this.state.step), this.last());
  }

  private last() {
    return (this.run?.output ?? this.body.outputTokens).length;
  }

  private go(step: number) {
    this.stop();
    const s = Math.max(0, Math.min(this.last(), step));
    if (s !== this.state.step) this.choose({ step: s });
  }

  private togglePlay() {
    if (this.playing) return this.stop();
    const chart = this.chart;
    if (!chart) return void this.begin();
    const from = this.step() >= this.last() ? 0 : this.step();
    this.playing = true;
    if (from !== this.step()) this.choose({ step: from });
    this.syncControls();
    chart.play(from, this.last(), (s) => this.choose({ step: s }), () => {
      this.playing = false;
      this.syncControls();
    });
  }

  private stop() {
    this.chart?.stop();
    this.playing = false;
    if (this.isConnected) this.syncControls();
  }

  private async refresh() {
    const text = this.state.text;
    if (!this.ask || !text.trim()) return this.renderNotes();
    let r: Translation | undefined;
    try {
      r = await this.ask(text);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    const info = this.live.info;
    if (!r || !info || !this.isConnected) return; // a newer request is on its way
    this.byRole('error').hidden = true;
    this.run = runOf(r, info, text);
    this.origin = 'model';
    this.row = Math.min(this.row, this.run.source.length - 1);
    this.dataset.source = 'model';
    this.showModel(info);
    this.renderSource();
    this.renderNotes();
    this.draw();
  }

  private renderSource() {
    const run = this.run ?? { model: this.body.model, text: this.body.text };
    this.live.source({ kind: this.origin, model: run.model, text: run.text }, this.state.text);
  }

  private options(): Seq2SeqOptions {
    return {
      width: this.byRole('chart').clientWidth || undefined,
      reducedMotion: this.reducedMotion(),
      gsap: this.gsap,
      row: this.row,
      onRow: (r) => {
        if (this.state.attn !== 'encoder') return this.go(r);
        this.row = r;
        this.draw();
      },
    };
  }

  private draw() {
    this.syncControls();
    this.writeExport();
    const { chart, run } = this;
    if (chart && run) this.measure(() => chart.update(matrixOf(run, this.state), this.options()));
  }

  private syncControls() {
    const n = this.last();
    const s = this.step();
    const slider = this.byRole<HTMLInputElement>('slider');
    slider.max = String(n);
    slider.value = String(s);
    slider.setAttribute('aria-valuetext', `${s} of ${n} tokens written`);
    this.byRole<HTMLButtonElement>('prev').disabled = s === 0;
    this.byRole<HTMLButtonElement>('next').disabled = s >= n;
    const play = this.byRole<HTMLButtonElement>('play');
    play.textContent = this.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(this.playing));
    for (const key of ['attn', 'layer', 'head'] as const) {
      const sel = this.byRole<HTMLSelectElement>(key);
      if (sel.value !== String(this.state[key])) sel.value = String(this.state[key]);
    }
  }
}

if (!customElements.get('glassbox-seq2seq')) customElements.define('glassbox-seq2seq', GlassboxSeq2seq);
