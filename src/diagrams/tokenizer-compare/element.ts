/**
 * <glassbox-tokenizer-compare>: the live wrapper around render.ts. It tokenizes the reader's
 * text with all four tokenizers (off the main thread, see ../tokenizer/source.ts) once the
 * diagram is near the viewport, mirrors the text in the URL and keeps the export current.
 */
import entry from './entry';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import { whenNearViewport } from '../kit/lifecycle';
import { TOKENIZERS } from '../kit/tokenizers/tokenizers';
import { toExport, viewOf, type CompareExport } from './data';
import type { CompareChart } from './render';
import { observeWidth } from '../kit/lifecycle';

const DEBOUNCE_MS = 80;
const MEASURE = `glassbox:update:${entry.id}`;

export class GlassboxTokenizerCompare extends HTMLElement {
  private state: { text: string } = { text: entry.state.text.default };
  private data!: CompareExport;
  private chart: CompareChart | null = null;
  private width = 0;
  private notes: string[] = [];
  private started = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void)[] = [];
  /** This instance's key for superseding its own stale requests (source.ts). */
  private caller = '';
  private source: typeof import('../kit/sources/tokenizer') | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-tokenizer-compare> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.data = JSON.parse(this.get('export').textContent || '{}') as CompareExport;
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    if (this.dataset.urlState === 'on') {
      const params = new URLSearchParams(location.search);
      if (params.has('text')) {
        const parsed = parseState(params, entry.state);
        this.state = parsed.state;
        this.notes = parsed.notes;
        this.dataset.state = serializeState(this.state, entry.state);
      }
    }
    const input = this.get<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.data.state = { ...this.state };
    this.renderStatus(false);
    this.writeExport();
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    input.addEventListener('input', () => this.onInput(input.value), { signal: ac.signal });
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
    const [{ render }, source] = await Promise.all([import('./render'), import('../kit/sources/tokenizer')]);
    if (!this.started) return;
    this.source = source;
    this.caller = source.newCaller();
    const root = this.get('chart');
    this.width = root.clientWidth;
    this.chart = render(root, viewOf(this.data), { width: this.width || undefined });
    this.cleanup.push(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        this.draw();
      }),
    );
    await this.refresh();
  }

  private onInput(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const next = normalizeState({ text: value }, entry.state);
      this.state = next.state;
      this.notes = next.notes;
      const q = serializeState(this.state, entry.state);
      this.dataset.state = q;
      this.data.state = { ...this.state };
      this.writeExport();
      if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  private async refresh() {
    const source = this.source;
    if (!source) return;
    const mine = ++this.seq;
    const text = this.state.text;
    let all;
    try {
      all = await Promise.all(TOKENIZERS.map((t) => source.tokenize(t, text, this.caller)));
    } catch (e) {
      if (mine === this.seq) this.renderStatus(true, e instanceof Error ? e.message : String(e));
      return;
    }
    if (mine !== this.seq || !this.isConnected || all.some((r) => !r)) return;
    this.data = toExport({ ...this.state }, 'model', all.filter((r) => r !== undefined));
    this.dataset.source = 'model';
    this.renderStatus(false);
    this.draw();
  }

  private draw() {
    if (!this.chart) return;
    const t0 = performance.now();
    this.chart.update(viewOf(this.data), { width: this.width || undefined });
    performance.measure(MEASURE, { start: t0, end: performance.now() });
    this.writeExport();
  }

  private writeExport() {
    this.get('export').textContent = JSON.stringify(this.data);
  }

  private renderStatus(failed: boolean, message = '') {
    const label = this.get('source');
    if (failed) {
      label.textContent = `A tokenizer could not load or run: ${message}`;
      label.dataset.kind = 'example';
    } else if (this.data.source === 'model') {
      label.textContent = 'Live: all four tokenizers ran in your browser.';
      label.dataset.kind = 'live';
    } else {
      label.textContent = 'Example (computed when the site was built) — the tokenizers are loading.';
      label.dataset.kind = 'example';
    }
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

if (!customElements.get('glassbox-tokenizer-compare')) customElements.define('glassbox-tokenizer-compare', GlassboxTokenizerCompare);
