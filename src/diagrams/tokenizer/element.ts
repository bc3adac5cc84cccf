/**
 * <glassbox-tokenizer>: the live wrapper around render.ts. It shows the build-time example
 * until the chosen tokenizer answers in the page, loads tokenizers only near the viewport,
 * mirrors its state (text, tokenizer, selected token) in the URL and keeps the
 * `data-export="json"` element equal to what is drawn.
 */
import entry from './entry';
import { normalizeState, parseState, serializeState, mirrorInUrl } from '../kit/state';
import type { StateOf } from '../kit/schema';
import { whenNearViewport } from '../kit/lifecycle';
import type { TokenizerChart, TokenizerViewData } from './render';
import type { Tokenized } from '../kit/tokenizers/tokenizers';
import { toData, type TokenizerData, type TokenizerExport } from './data';
import { observeWidth } from '../kit/lifecycle';

const DEBOUNCE_MS = 60;
/** After this long (ms) without an answer, say that the tokenizer is still working. */
const SLOW_MS = 1000;
const MEASURE = `glassbox:update:${entry.id}`;

type State = StateOf<typeof entry.state>;

export type { TokenizerExport } from './data';

export class GlassboxTokenizer extends HTMLElement {
  private state!: State;
  private data!: TokenizerData;
  private chart: TokenizerChart | null = null;
  private width = 0;
  /** Notes on the state: from parsing the URL, or on what was typed (broken characters). */
  private stateNotes: string[] = [];
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private slow: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private cleanup: (() => void)[] = [];
  /** This instance's key for superseding its own stale requests (source.ts). */
  private caller = '';
  private source: typeof import('../kit/sources/tokenizer') | null = null;
  /** The view last drawn; a new object only when the tokens change, so selection stays cheap. */
  private current: TokenizerViewData | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-tokenizer> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    const exportEl = this.get('export');
    this.data = JSON.parse(exportEl.textContent || '{}') as TokenizerData;
    this.readState();
    const input = this.get<HTMLTextAreaElement>('text');
    const picker = this.get<HTMLSelectElement>('tokenizer');
    if (input.value !== this.state.text) input.value = this.state.text;
    picker.value = this.state.tokenizer;
    this.data.state = { ...this.state };
    this.renderNotes([]);
    this.renderSource(false);
    this.writeExport();

    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    input.addEventListener('input', () => this.onChange(DEBOUNCE_MS), { signal: ac.signal });
    picker.addEventListener('change', () => this.onChange(0), { signal: ac.signal });
    this.get('retry').addEventListener('click', () => void this.refresh(), { signal: ac.signal });
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    clearTimeout(this.slow);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  /** Props give the initial state; on a page that mirrors the URL, the query wins. */
  private readState() {
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    if (this.dataset.urlState !== 'on') return;
    const params = new URLSearchParams(location.search);
    if (!Object.keys(entry.state).some((k) => params.has(k))) return;
    const fromUrl = parseState(params, entry.state);
    this.state = fromUrl.state;
    this.stateNotes = fromUrl.notes;
    this.dataset.state = serializeState(this.state, entry.state);
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ render }, source] = await Promise.all([import('./render'), import('../kit/sources/tokenizer')]);
    if (!this.started) return; // disconnected while the modules loaded
    this.source = source;
    this.caller = source.newCaller();
    const root = this.get('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.view(), this.options());
    this.cleanup.push(
      observeWidth(root, () => this.width, (w) => {
        this.width = w;
        this.draw(true);
      }),
    );
    await this.refresh();
  }

  /** Reads both controls when it fires, so a picker change never drops text typed just before. */
  private onChange(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const text = this.get<HTMLTextAreaElement>('text').value;
      const tokenizer = this.get<HTMLSelectElement>('tokenizer').value;
      const textChanged = text !== this.state.text;
      const next = normalizeState({ text, tokenizer, token: textChanged ? 0 : this.state.token }, entry.state);
      this.state = next.state;
      // The link's notes no longer apply; new ones say what was changed in the typed text.
      this.stateNotes = next.notes;
      this.renderNotes([]);
      this.writeState();
      if (this.started) void this.refresh();
      else void this.start();
    }, delay);
  }

  private async refresh() {
    if (!this.source) return;
    const mine = ++this.seq;
    const { text, tokenizer } = this.state;
    clearTimeout(this.slow);
    this.slow = setTimeout(() => {
      if (mine === this.seq) this.renderNotes([`Still tokenizing ${text.length.toLocaleString('en-US')} characters…`]);
    }, SLOW_MS);
    let r: Tokenized | undefined;
    try {
      r = await this.source.tokenize(tokenizer, text, this.caller);
    } catch (e) {
      if (mine === this.seq) this.showError(e);
      return;
    } finally {
      if (mine === this.seq) clearTimeout(this.slow);
    }
    if (!r || mine !== this.seq || !this.isConnected) return; // a newer request is on its way
    this.get('error').hidden = true;
    this.renderNotes([]);
    this.data = toData({ ...this.state }, 'model', r);
    this.dataset.source = 'model';
    this.renderSource(false);
    this.draw(true);
  }

  private showError(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    this.renderNotes([]);
    this.get('error-text').textContent = `The tokenizer could not load or run: ${message}`;
    this.get('error').hidden = false;
    this.renderSource(true);
  }

  private view(): TokenizerViewData {
    const d = this.data;
    return {
      tokenizer: d.tokenizer,
      text: d.text,
      tokens: d.tokens.map((t, i) => ({ ...t, rank: d.ranks[i] ?? null })),
      counts: d.counts,
    };
  }

  private options() {
    return {
      width: this.width || undefined,
      selected: this.state.token - 1,
      onSelect: (i: number) => this.select(i),
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    };
  }

  private select(i: number) {
    this.state = { ...this.state, token: i + 1 };
    this.writeState();
    this.draw(false);
  }

  /** `data`: the tokens changed (a new view object); otherwise only the selection or width. */
  private draw(data: boolean) {
    if (!this.chart) return;
    const t0 = performance.now();
    if (data) this.current = this.view();
    this.chart.update(this.current ?? this.view(), this.options());
    performance.measure(MEASURE, { start: t0, end: performance.now() });
    this.writeExport();
  }

  private writeState() {
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    this.data.state = { ...this.state };
    this.writeExport();
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
  }

  private writeExport() {
    const { ranks: _ranks, ...exported } = this.data;
    this.get('export').textContent = JSON.stringify(exported satisfies TokenizerExport);
  }

  private renderSource(failed: boolean) {
    const label = this.get('source');
    const m = this.data.model;
    if (this.data.source === 'model') {
      label.textContent = `Live: ${m.id} (${m.version}), running in your browser.`;
      label.dataset.kind = 'live';
      return;
    }
    const forText = this.data.text === this.state.text ? '' : ` for “${this.data.text.slice(0, 40)}”`;
    label.textContent = `Example (computed when the site was built)${forText} — ${failed ? 'the tokenizer is unavailable' : 'the tokenizer is loading'}.`;
    label.dataset.kind = 'example';
  }

  private renderNotes(extra: string[]) {
    const notes = [...this.stateNotes, ...extra];
    const list = this.get('notes');
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

if (!customElements.get('glassbox-tokenizer')) customElements.define('glassbox-tokenizer', GlassboxTokenizer);
