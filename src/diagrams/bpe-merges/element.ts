/**
 * <glassbox-bpe-merges>: the live wrapper around render.ts. Near the viewport it loads d3,
 * GSAP and the site model's merges (tokenizer only, from the model worker), replays them on the
 * reader's word and checks the result against the tokenizer's own tokens. Step, play and the
 * slider move through the merges; the state (word, step) is mirrored in the URL.
 */
import entry from './entry';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import type { StateOf } from '../kit/schema';
import { whenNearViewport } from '../kit/lifecycle';
import type { MergesExport } from './data';
import type { MergesChart } from './render';

const DEBOUNCE_MS = 120;
const PLAY_MS = 900; // per step while playing
const MEASURE = `glassbox:update:${entry.id}`;

type State = StateOf<typeof entry.state>;

export class GlassboxBpeMerges extends HTMLElement {
  private state!: State;
  private data!: MergesExport;
  private notes: string[] = [];
  private chart: MergesChart | null = null;
  private gsap: typeof import('gsap').gsap | undefined;
  private ranks: ReadonlyMap<string, number> | null = null;
  private lib: { replay: typeof import('../kit/tokenizers/replay'); bpe: typeof import('../../math/bpe'); source: typeof import('../kit/sources/tokenizer') } | null = null;
  private started = false;
  private seq = 0;
  private playing: ReturnType<typeof setInterval> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-bpe-merges> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.data = JSON.parse(this.get('export').textContent || '{}') as MergesExport;
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    if (this.dataset.urlState === 'on') {
      const params = new URLSearchParams(location.search);
      if (Object.keys(entry.state).some((k) => params.has(k))) {
        const parsed = parseState(params, entry.state);
        this.state = parsed.state;
        this.notes = parsed.notes;
        this.dataset.state = serializeState(this.state, entry.state);
      }
    }
    const input = this.get<HTMLInputElement>('word');
    if (input.value !== this.state.word) input.value = this.state.word;
    this.data.state = { ...this.state };
    this.renderStatus();
    this.syncControls();
    const ac = new AbortController();
    const on = (role: string, type: string, f: () => void) => this.get(role).addEventListener(type, f, { signal: ac.signal });
    this.cleanup.push(() => ac.abort());
    on('word', 'input', () => this.onWord(input.value));
    on('first', 'click', () => this.go(0));
    on('prev', 'click', () => this.go(this.step() - 1));
    on('next', 'click', () => this.go(this.step() + 1));
    on('last', 'click', () => this.go(this.data.replay.steps.length));
    on('play', 'click', () => this.togglePlay());
    on('slider', 'input', () => this.go(Number(this.get<HTMLInputElement>('slider').value)));
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
    // Playing stops when the diagram leaves the screen (DESIGN.md §3, lifecycle).
    if (typeof IntersectionObserver !== 'undefined') {
      const io = new IntersectionObserver((es) => es.some((e) => !e.isIntersecting) && this.stop());
      io.observe(this);
      this.cleanup.push(() => io.disconnect());
    }
  }

  disconnectedCallback() {
    this.stop();
    clearTimeout(this.timer);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  private step() {
    return Math.max(0, Math.min(this.data.replay.steps.length, this.state.step));
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ render }, { gsap }, replay, bpe, source] = await Promise.all([
      import('./render'),
      import('gsap'),
      import('../kit/tokenizers/replay'),
      import('../../math/bpe'),
      import('../kit/sources/tokenizer'),
    ]);
    if (!this.started) return;
    this.gsap = gsap;
    this.lib = { replay, bpe, source };
    this.chart = render(this.get('chart'), this.data, this.options());
    try {
      const { merges } = await source.glassboxMerges();
      this.ranks = bpe.rankTable(merges);
    } catch (e) {
      this.renderStatus(e instanceof Error ? e.message : String(e));
      return;
    }
    await this.refresh();
  }

  private onWord(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const next = normalizeState({ word: value, step: 0 }, entry.state);
      this.state = next.state;
      this.notes = next.notes;
      this.stop();
      this.writeState();
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  private async refresh() {
    if (!this.lib || !this.ranks) return;
    const mine = ++this.seq;
    const word = this.state.word;
    let r;
    try {
      r = await this.lib.source.tokenize('glassbox', word);
    } catch (e) {
      this.renderStatus(e instanceof Error ? e.message : String(e));
      return;
    }
    if (!r || mine !== this.seq || !this.isConnected) return;
    this.data = {
      state: { ...this.state },
      source: 'model',
      model: r.model,
      replay: this.lib.replay.buildReplay(word, this.ranks),
      tokens: r.tokens.map(({ id, text, bytes }) => ({ id, text, bytes })),
    };
    this.dataset.source = 'model';
    this.renderStatus();
    this.draw();
  }

  private go(step: number) {
    const n = this.data.replay.steps.length;
    const s = Math.max(0, Math.min(n, step));
    if (s === this.step() && s === this.state.step) return;
    this.state = { ...this.state, step: s };
    this.writeState();
    this.draw();
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
      width: this.get('chart').clientWidth || undefined,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      gsap: this.gsap,
    };
  }

  private draw() {
    this.syncControls();
    this.writeExport();
    if (!this.chart) return;
    const t0 = performance.now();
    this.chart.update(this.data, this.options());
    performance.measure(MEASURE, { start: t0, end: performance.now() });
  }

  private syncControls() {
    const n = this.data.replay.steps.length;
    const s = this.step();
    const slider = this.get<HTMLInputElement>('slider');
    slider.max = String(n);
    slider.value = String(s);
    slider.setAttribute('aria-valuetext', `step ${s} of ${n}`);
    this.get<HTMLButtonElement>('first').disabled = s === 0;
    this.get<HTMLButtonElement>('prev').disabled = s === 0;
    this.get<HTMLButtonElement>('next').disabled = s >= n;
    this.get<HTMLButtonElement>('last').disabled = s >= n;
    const play = this.get<HTMLButtonElement>('play');
    play.textContent = this.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(!!this.playing));
    play.disabled = n === 0;
  }

  private writeState() {
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    this.data.state = { ...this.state };
    this.writeExport();
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
  }

  private writeExport() {
    this.get('export').textContent = JSON.stringify(this.data);
  }

  private renderStatus(error = '') {
    const label = this.get('source');
    if (error) label.textContent = `The tokenizer could not load: ${error}`;
    else if (this.data.source === 'model') label.textContent = `Live: the merges of ${this.data.model.id} (${this.data.model.version}), replayed in your browser.`;
    else label.textContent = 'Example (computed when the site was built) — the tokenizer is loading.';
    label.dataset.kind = this.data.source === 'model' && !error ? 'live' : 'example';
    const list = this.get('notes');
    const notes = [...this.notes];
    if (this.data.replay.chunks.length > 1) {
      notes.push(`The tokenizer first splits this into ${this.data.replay.chunks.length} chunks (${this.data.replay.chunks.map((c) => `“${c}”`).join(', ')}); merges never cross them.`);
    }
    list.replaceChildren(
      ...notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    list.hidden = notes.length === 0;
  }
}

if (!customElements.get('glassbox-bpe-merges')) customElements.define('glassbox-bpe-merges', GlassboxBpeMerges);
