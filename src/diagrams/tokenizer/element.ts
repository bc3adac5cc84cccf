/**
 * <glassbox-tokenizer>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle) and its tokenizer source
 * (../kit/sources/tokenizer.ts). It shows the build-time example until the chosen tokenizer
 * answers in the page; tokenizers load only near the viewport.
 */
import { DiagramElement } from '../kit/element';
import type { StateOf } from '../kit/schema';
import type { TokenizerSource } from '../kit/sources/tokenizer';
import { normalizeState } from '../kit/state';
import { modelPin, showSource, staleNotes } from '../kit/tokenizers/provenance';
import { toData, viewOf, type TokenizerData } from './data';
import entry from './entry';
import type { TokenizerChart, TokenizerViewData } from './render';

/** ms after the last keystroke before the tokenizer is asked. */
const DEBOUNCE_MS = 60;
/** After this long (ms) without an answer, say that the tokenizer is still working. */
const SLOW_MS = 1000;
/** ms a hovered or arrowed-to token waits before the URL and `data-state` follow it. */
const SELECT_COMMIT_MS = 100;

type State = StateOf<typeof entry.state>;

export type { TokenizerExport } from './data';

export class GlassboxTokenizer extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: TokenizerData;
  private chart: TokenizerChart | null = null;
  private source: TokenizerSource | null = null;
  /** The view last drawn; a new object only when the tokens change, so selection stays cheap. */
  private current: TokenizerViewData | null = null;
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];
  private slowNote: string | null = null;

  protected connected() {
    this.data = this.exportSlot.read<TokenizerData>();
    this.syncControls();
    const read = () => this.life.later('typing', 0, () => this.onControls());
    const input = this.byRole<HTMLTextAreaElement>('text');
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onControls()));
    this.listen(this.byRole('tokenizer'), 'change', read);
    this.listen(this.byRole('retry'), 'click', () => void this.refresh());
    this.showModel(modelPin(this.data));
    this.renderSource(false);
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const [{ render }, { TokenizerSource }] = await Promise.all([import('./render'), import('../kit/sources/tokenizer')]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.source = new TokenizerSource();
    const root = this.byRole('chart');
    this.followWidth(root, () => this.draw(true));
    this.chart = render(root, this.view(), this.options());
    await this.refresh();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.source = null;
    this.current = null;
  }

  protected exportBody() {
    const { ranks: _ranks, state: _state, ...exported } = this.data;
    return exported;
  }

  protected extraNotes() {
    return [...this.typedNotes, ...(this.slowNote ? [this.slowNote] : []), ...staleNotes(this.pin, this.shownModel)];
  }

  protected changed(prev: State) {
    this.syncControls();
    if (prev.text === this.state.text && prev.tokenizer === this.state.tokenizer) this.draw(false);
    else if (this.started) void this.refresh();
    else void this.begin();
  }

  /** Reads both controls when it fires, so a picker change never drops text typed just before. */
  private onControls() {
    const text = this.byRole<HTMLTextAreaElement>('text').value;
    const tokenizer = this.byRole<HTMLSelectElement>('tokenizer').value;
    const token = text === this.state.text ? this.state.token : 0;
    const next = normalizeState({ text, tokenizer, token }, this.entry.state);
    this.typedNotes = next.notes;
    this.choose(next.state as State);
  }

  private syncControls() {
    const input = this.byRole<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.byRole<HTMLSelectElement>('tokenizer').value = this.state.tokenizer;
  }

  private async refresh() {
    const source = this.source;
    if (!source) return;
    const life = this.life;
    const { text, tokenizer } = this.state;
    this.slowNote = null;
    this.renderNotes();
    life.later('slow', SLOW_MS, () => {
      this.slowNote = `Still tokenizing ${text.length.toLocaleString('en-US')} characters…`;
      this.renderNotes();
    });
    let r;
    try {
      r = await source.one(tokenizer, text);
    } catch (e) {
      life.cancel('slow');
      if (!life.disposed) this.showError(e);
      return;
    }
    if (!r) return; // a newer request is on its way; its timer stands
    life.cancel('slow');
    if (life.disposed) return;
    this.slowNote = null;
    this.byRole('error').hidden = true;
    this.data = toData({ ...this.state }, 'model', r);
    this.dataset.source = 'model';
    this.showModel(modelPin(r));
    this.renderNotes();
    this.renderSource(false);
    this.draw(true);
  }

  private showError(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    this.slowNote = null;
    this.renderNotes();
    this.byRole('error-text').textContent = `The tokenizer could not load or run: ${message}`;
    this.byRole('error').hidden = false;
    this.renderSource(true);
  }

  private view(): TokenizerViewData {
    return viewOf(this.data);
  }

  private options() {
    return {
      width: this.width || undefined,
      selected: this.state.token - 1,
      onSelect: (i: number) => this.choose({ token: i + 1 }, SELECT_COMMIT_MS),
      reducedMotion: this.reducedMotion(),
    };
  }

  /** `data`: the tokens changed (a new view object); otherwise only the selection or width. */
  private draw(data: boolean) {
    const chart = this.chart;
    if (!chart) return;
    if (data || !this.current) this.current = this.view();
    const view = this.current;
    this.measure(() => chart.update(view, this.options()));
    this.writeExport();
  }

  private renderSource(failed: boolean) {
    const m = this.data.model;
    if (this.data.source === 'model') {
      showSource(this.byRole('source'), 'live', `Live: ${m.id} (${m.version}), running in your browser.`);
      return;
    }
    const forText = this.data.text === this.state.text ? '' : ` for “${this.data.text.slice(0, 40)}”`;
    const status = failed ? 'the tokenizer is unavailable' : 'the tokenizer is loading';
    showSource(this.byRole('source'), 'example', `Example (computed when the site was built)${forText} — ${status}.`);
  }
}

if (!customElements.get('glassbox-tokenizer')) customElements.define('glassbox-tokenizer', GlassboxTokenizer);
