/**
 * <glassbox-tokenizer-compare>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle). Near the viewport it tokenizes the reader's
 * text with all four tokenizers, off the main thread (../kit/sources/tokenizer.ts).
 */
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { normalizeState } from '../kit/state';
import { showText, typingInput } from '../kit/text-input';
import { TokenizerFeed } from '../kit/tokenizers/feed';
import { modelPin, showSource, staleNotes } from '../kit/tokenizers/provenance';
import { toExport, viewOf, type CompareExport } from './data';
import entry from './entry';
import type { CompareOptions, CompareView } from './render';

/** ms after the last keystroke before the tokenizers are asked. */
const DEBOUNCE_MS = 80;

type State = { text: string };

export class GlassboxTokenizerCompare extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: CompareExport;
  private readonly chart = new ChartSlot<CompareView, CompareOptions, State>(this, this.port(), () => viewOf(this.data), () => ({ width: this.width || undefined }), () => this.draw());
  private readonly feed = new TokenizerFeed(this, this.chart, () => import('./render'), {
    ask: (source) => source.all(this.state.text),
    answered: (all) => {
      this.data = toExport({ ...this.state }, 'model', all);
      this.dataset.source = 'model';
      this.showModel(this.glassboxPin());
      this.renderStatus(false);
      this.draw();
    },
    failed: (e) => this.renderStatus(true, e instanceof Error ? e.message : String(e)),
  });
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];

  protected connected() {
    this.data = this.exportSlot.read<CompareExport>();
    showText(typingInput(this, 'text', DEBOUNCE_MS, (value) => this.onInput(value)), this.state.text);
    this.showModel(this.glassboxPin());
    this.renderStatus(false);
    this.writeState();
  }

  protected start() {
    return this.feed.start();
  }

  protected exportBody() {
    return withoutState(this.data);
  }

  protected extraNotes() {
    return [...this.typedNotes, ...staleNotes(this.pin, this.shownModel)];
  }

  protected changed(prev: State) {
    if (prev.text === this.state.text) return;
    showText(this.byRole<HTMLTextAreaElement>('text'), this.state.text);
    if (this.started) void this.feed.refresh();
    else void this.begin();
  }

  private onInput(value: string) {
    const next = normalizeState({ text: value }, this.entry.state);
    this.typedNotes = next.notes;
    this.choose(next.state);
  }

  private glassboxPin() {
    const own = this.data.tokenizers.find((r) => r.tokenizer === 'glassbox');
    return own ? modelPin(own) : null;
  }

  private draw() {
    if (!this.chart.drawn) return;
    this.chart.draw();
    this.writeExport();
  }

  private renderStatus(failed: boolean, message = '') {
    const line = this.byRole('source');
    if (failed) showSource(line, 'example', `A tokenizer could not load or run: ${message}`);
    else if (this.data.source === 'model') showSource(line, 'live', 'Live: all four tokenizers ran in your browser.');
    else showSource(line, 'example', 'Example (computed when the site was built) — the tokenizers are loading.');
    this.renderNotes();
  }
}

if (!customElements.get('glassbox-tokenizer-compare')) customElements.define('glassbox-tokenizer-compare', GlassboxTokenizerCompare);
