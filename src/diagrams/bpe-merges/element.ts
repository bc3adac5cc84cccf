/**
 * <glassbox-bpe-merges>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle), its tokenizer source and its step
 * controls (../kit/tokenizers/steps.ts). Near the viewport it loads d3, GSAP and the site
 * model's merges (tokenizer only, from the model worker), replays them on the reader's word and
 * checks the result against the tokenizer's own tokens. Step, Play and the slider move through
 * the merges.
 */
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import type { StateOf } from '../kit/schema';
import type { TokenizerSource } from '../kit/sources/tokenizer';
import { normalizeState } from '../kit/state';
import { modelPin, showSource, staleNotes } from '../kit/tokenizers/provenance';
import { syncSteps, wireSteps } from '../kit/tokenizers/steps';
import type { MergesExport } from './data';
import entry from './entry';
import type { MergesChart } from './render';

/** ms after the last keystroke before the word is replayed. */
const DEBOUNCE_MS = 120;
/** ms per step while playing. */
const PLAY_MS = 900;

type State = StateOf<typeof entry.state>;

interface Loaded {
  source: TokenizerSource;
  toExport: typeof import('./data').toExport;
  ranks: ReadonlyMap<string, number>;
}

export class GlassboxBpeMerges extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: MergesExport;
  private chart: MergesChart | null = null;
  private gsap: typeof import('gsap').gsap | undefined;
  private lib: Loaded | null = null;
  private playing: ReturnType<typeof setInterval> | undefined;
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];
  private error = '';

  protected connected() {
    this.data = this.exportSlot.read<MergesExport>();
    this.syncWord();
    const input = this.byRole<HTMLInputElement>('word');
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onWord(input.value)));
    this.listen(this.byRole('play'), 'click', () => this.togglePlay());
    wireSteps(this, (s) => this.go(s), () => this.step(), () => this.data.replay.steps.length);
    // Playing stops when the diagram leaves the screen (DESIGN.md §3, lifecycle).
    if (typeof IntersectionObserver !== 'undefined') {
      const io = new IntersectionObserver((es) => es.some((e) => !e.isIntersecting) && this.stop());
      io.observe(this);
      this.life.add(() => io.disconnect());
    }
    this.showModel(modelPin({ tokenizer: 'glassbox', model: this.data.model }));
    this.renderStatus();
    this.syncControls();
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const [{ render }, { gsap }, { toExport }, { rankTable }, { TokenizerSource }] = await Promise.all([
      import('./render'),
      import('gsap'),
      import('./data'),
      import('../../math/bpe'),
      import('../kit/sources/tokenizer'),
    ]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.gsap = gsap;
    this.chart = render(this.byRole('chart'), this.data, this.options());
    const source = new TokenizerSource();
    try {
      const { merges } = await source.merges();
      if (life.disposed) return;
      this.lib = { source, toExport, ranks: rankTable(merges) };
    } catch (e) {
      if (!life.disposed) this.fail(e);
      return;
    }
    await this.refresh();
  }

  protected stopped() {
    this.stop();
    this.chart?.destroy();
    this.chart = null;
    this.lib = null;
  }

  protected exportBody() {
    return withoutState(this.data);
  }

  protected extraNotes() {
    const notes = [...this.typedNotes];
    const { chunks } = this.data.replay;
    if (chunks.length > 1) {
      notes.push(`The tokenizer first splits this into ${chunks.length} chunks (${chunks.map((c) => `“${c}”`).join(', ')}); merges never cross them.`);
    }
    return [...notes, ...staleNotes(this.pin, this.shownModel)];
  }

  protected changed(prev: State) {
    if (prev.word === this.state.word) return this.draw();
    this.syncWord();
    this.stop();
    if (this.started) void this.refresh();
    else void this.begin();
  }

  /** The step shown: the state's, clamped to this word's merges. */
  private step() {
    return Math.max(0, Math.min(this.data.replay.steps.length, this.state.step));
  }

  private onWord(value: string) {
    const next = normalizeState({ word: value, step: 0 }, this.entry.state);
    this.typedNotes = next.notes;
    this.choose(next.state as State);
  }

  private syncWord() {
    const input = this.byRole<HTMLInputElement>('word');
    if (input.value !== this.state.word) input.value = this.state.word;
  }

  private async refresh() {
    const lib = this.lib;
    if (!lib) return;
    const life = this.life;
    const state = { ...this.state };
    let r;
    try {
      r = await lib.source.one('glassbox', state.word);
    } catch (e) {
      if (!life.disposed) this.fail(e);
      return;
    }
    if (!r || life.disposed) return; // a newer request is on its way
    this.error = '';
    this.data = lib.toExport(state, 'model', lib.ranks, r);
    this.dataset.source = 'model';
    this.showModel(modelPin(r));
    this.renderStatus();
    this.draw();
  }

  private go(step: number) {
    const s = Math.max(0, Math.min(this.data.replay.steps.length, step));
    if (s === this.step() && s === this.state.step) return;
    this.choose({ step: s });
  }

  private togglePlay() {
    if (this.playing) return this.stop();
    if (this.step() >= this.data.replay.steps.length) this.go(0);
    this.playing = setInterval(() => {
      if (this.step() >= this.data.replay.steps.length) this.stop();
      else this.go(this.step() + 1);
    }, PLAY_MS);
    this.syncControls();
  }

  private stop() {
    clearInterval(this.playing);
    this.playing = undefined;
    if (this.isConnected) this.syncControls();
  }

  private options() {
    return {
      step: this.step(),
      width: this.byRole('chart').clientWidth || undefined,
      reducedMotion: this.reducedMotion(),
      gsap: this.gsap,
    };
  }

  private draw() {
    this.syncControls();
    this.writeExport();
    const chart = this.chart;
    if (chart) this.measure(() => chart.update(this.data, this.options()));
  }

  private syncControls() {
    const n = this.data.replay.steps.length;
    const s = this.step();
    syncSteps(this, s, n, `step ${s} of ${n}`);
    const play = this.byRole<HTMLButtonElement>('play');
    play.textContent = this.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(!!this.playing));
    play.disabled = n === 0;
  }

  private fail(e: unknown) {
    this.error = e instanceof Error ? e.message : String(e);
    this.renderStatus();
  }

  private renderStatus() {
    const line = this.byRole('source');
    if (this.error) showSource(line, 'example', `The tokenizer could not load: ${this.error}`);
    else if (this.data.source === 'model') showSource(line, 'live', `Live: the merges of ${this.data.model.id} (${this.data.model.version}), replayed in your browser.`);
    else showSource(line, 'example', 'Example (computed when the site was built) — the tokenizer is loading.');
    this.renderNotes();
  }
}

if (!customElements.get('glassbox-bpe-merges')) customElements.define('glassbox-bpe-merges', GlassboxBpeMerges);
