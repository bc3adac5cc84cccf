/**
 * <glassbox-tokenizer>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle) and its tokenizer source
 * (../kit/sources/tokenizer.ts). It shows the build-time example until the chosen tokenizer
 * answers in the page; tokenizers load only near the viewport.
 */
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import type { StateOf } from '../kit/schema';
import { normalizeState } from '../kit/state';
import { showText, typingInput } from '../kit/text-input';
import { TokenizerFeed } from '../kit/tokenizers/feed';
import { modelPin, showSource, staleNotes } from '../kit/tokenizers/provenance';
import type { Tokenized } from '../kit/tokenizers/tokenizers';
import { toData, viewOf, type TokenizerData } from './data';
import entry from './entry';
import type { TokenizerOptions, TokenizerViewData } from './render';

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
  private readonly chart = new ChartSlot<TokenizerViewData, TokenizerOptions, State>(
    this,
    this.port(),
    () => this.current ?? this.view(),
    () => this.options(),
    () => this.draw(true),
  );
  private readonly feed = new TokenizerFeed(this, this.chart, () => import('./render'), {
    ask: (source) => {
      const { text, tokenizer } = this.state;
      this.showSlow(text);
      return source.one(tokenizer, text);
    },
    answered: (r) => this.answered(r),
    failed: (e) => {
      this.life.cancel('slow');
      this.showError(e);
    },
  });
  /** The view last drawn; a new object only when the tokens change, so selection stays cheap. */
  private current: TokenizerViewData | null = null;
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];
  private slowNote: string | null = null;

  protected connected() {
    this.data = this.exportSlot.read<TokenizerData>();
    this.syncControls();
    typingInput(this, 'text', DEBOUNCE_MS, () => this.onControls());
    this.listen(this.byRole('tokenizer'), 'change', () => this.life.later('typing', 0, () => this.onControls()));
    this.listen(this.byRole('retry'), 'click', () => void this.feed.refresh());
    this.showModel(modelPin(this.data));
    this.renderSource(false);
    this.writeState();
  }

  protected start() {
    return this.feed.start();
  }

  protected stopped() {
    this.current = null;
  }

  protected exportBody() {
    const { ranks: _ranks, ...exported } = withoutState(this.data);
    return exported;
  }

  protected extraNotes() {
    return [...this.typedNotes, ...(this.slowNote ? [this.slowNote] : []), ...staleNotes(this.pin, this.shownModel)];
  }

  protected changed(prev: State) {
    this.syncControls();
    if (prev.text === this.state.text && prev.tokenizer === this.state.tokenizer) this.draw(false);
    else if (this.started) void this.feed.refresh();
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
    showText(this.byRole<HTMLTextAreaElement>('text'), this.state.text);
    this.byRole<HTMLSelectElement>('tokenizer').value = this.state.tokenizer;
  }

  /** After SLOW_MS without an answer about `text`, say that the tokenizer is still working. */
  private showSlow(text: string) {
    this.slowNote = null;
    this.renderNotes();
    this.life.later('slow', SLOW_MS, () => {
      this.slowNote = `Still tokenizing ${text.length.toLocaleString('en-US')} characters…`;
      this.renderNotes();
    });
  }

  /** The newest answer (an overtaken one never comes here, so a newer request's slow timer stands). */
  private answered(r: Tokenized) {
    this.life.cancel('slow');
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
    if (!this.chart.drawn) return;
    if (data || !this.current) this.current = this.view();
    this.chart.draw();
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
