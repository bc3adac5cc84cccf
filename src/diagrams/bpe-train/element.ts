/**
 * <glassbox-bpe-train>: trains BPE (src/math/bpe.ts) on the reader's paragraph in the page and
 * steps through the merges. Training 30 merges on at most 1,000 characters takes a few
 * milliseconds, so it runs on the main thread, debounced while typing. State (text, step) is
 * mirrored in the URL.
 */
import entry from './entry';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import type { StateOf } from '../kit/schema';
import { whenNearViewport } from '../kit/lifecycle';
import type { TrainExport } from './data';
import type { TrainChart } from './render';

const DEBOUNCE_MS = 150;
const MEASURE = `glassbox:update:${entry.id}`;

type State = StateOf<typeof entry.state>;

export class GlassboxBpeTrain extends HTMLElement {
  private state!: State;
  private data!: TrainExport;
  private notes: string[] = [];
  private chart: TrainChart | null = null;
  private train: typeof import('./data').train | null = null;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-bpe-train> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.data = JSON.parse(this.get('export').textContent || '{}') as TrainExport;
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
    const input = this.get<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.renderNotes();
    const ac = new AbortController();
    const on = (role: string, type: string, f: () => void) => this.get(role).addEventListener(type, f, { signal: ac.signal });
    this.cleanup.push(() => ac.abort());
    on('text', 'input', () => this.onText(input.value));
    on('prev', 'click', () => this.go(this.state.step - 1));
    on('next', 'click', () => this.go(this.state.step + 1));
    on('slider', 'input', () => this.go(Number(this.get<HTMLInputElement>('slider').value)));
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ render }, { train }] = await Promise.all([import('./render'), import('./data')]);
    if (!this.started) return;
    this.train = train;
    this.data = train(this.state, 'model');
    this.chart = render(this.get('chart'), this.data, this.options());
    this.dataset.source = 'model';
    this.get('source').textContent = 'Live: trained in your browser on the text above.';
    this.get('source').dataset.kind = 'live';
    this.draw();
  }

  private onText(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const next = normalizeState({ text: value, step: this.state.step }, entry.state);
      this.state = next.state;
      this.notes = next.notes;
      this.renderNotes();
      if (this.train) this.data = this.train(this.state, 'model');
      this.writeState();
      this.draw();
      if (!this.started) void this.start();
    }, DEBOUNCE_MS);
  }

  private go(step: number) {
    const s = Math.max(0, Math.min(this.data.result.steps.length, step));
    if (s === this.state.step) return;
    this.state = { ...this.state, step: s };
    this.writeState();
    this.draw();
  }

  private options() {
    return { step: this.state.step, width: this.get('chart').clientWidth || undefined };
  }

  private draw() {
    const n = this.data.result.steps.length;
    const s = Math.min(this.state.step, n);
    const slider = this.get<HTMLInputElement>('slider');
    slider.max = String(n);
    slider.value = String(s);
    slider.setAttribute('aria-valuetext', `merge ${s} of ${n}`);
    this.get<HTMLButtonElement>('prev').disabled = s === 0;
    this.get<HTMLButtonElement>('next').disabled = s >= n;
    this.data.state = { ...this.state };
    this.get('export').textContent = JSON.stringify(this.data);
    if (!this.chart) return;
    const t0 = performance.now();
    this.chart.update(this.data, this.options());
    performance.measure(MEASURE, { start: t0, end: performance.now() });
  }

  private writeState() {
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
  }

  private renderNotes() {
    const list = this.get('notes');
    list.replaceChildren(
      ...this.notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    list.hidden = this.notes.length === 0;
  }
}

if (!customElements.get('glassbox-bpe-train')) customElements.define('glassbox-bpe-train', GlassboxBpeTrain);
