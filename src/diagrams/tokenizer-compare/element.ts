/**
 * <glassbox-tokenizer-compare>: the live wrapper around render.ts, built on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle). Near the viewport it tokenizes the reader's
 * text with all four tokenizers, off the main thread (../kit/sources/tokenizer.ts).
 */
import { DiagramElement } from '../kit/element';
import type { TokenizerSource } from '../kit/sources/tokenizer';
import { normalizeState } from '../kit/state';
import { modelPin, showSource, staleNotes } from '../kit/tokenizers/provenance';
import { toExport, viewOf, type CompareExport } from './data';
import entry from './entry';
import type { CompareChart } from './render';

/** ms after the last keystroke before the tokenizers are asked. */
const DEBOUNCE_MS = 80;

type State = { text: string };

export class GlassboxTokenizerCompare extends DiagramElement<State> {
  protected readonly entry = entry;
  private data!: CompareExport;
  private chart: CompareChart | null = null;
  private source: TokenizerSource | null = null;
  /** Notes on what was typed (broken characters replaced); they replace the link's. */
  private typedNotes: string[] = [];

  protected connected() {
    this.data = this.exportSlot.read<CompareExport>();
    this.syncInput();
    const input = this.byRole<HTMLTextAreaElement>('text');
    this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.onInput(input.value)));
    this.showModel(this.glassboxPin());
    this.renderStatus(false);
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const [{ render }, { TokenizerSource }] = await Promise.all([import('./render'), import('../kit/sources/tokenizer')]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.source = new TokenizerSource();
    const root = this.byRole('chart');
    this.followWidth(root, () => this.draw());
    this.chart = render(root, viewOf(this.data), { width: this.width || undefined });
    await this.refresh();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.source = null;
  }

  protected exportBody() {
    const { state: _state, ...body } = this.data;
    return body;
  }

  protected extraNotes() {
    return [...this.typedNotes, ...staleNotes(this.pin, this.shownModel)];
  }

  protected changed(prev: State) {
    if (prev.text === this.state.text) return;
    this.syncInput();
    if (this.started) void this.refresh();
    else void this.begin();
  }

  private onInput(value: string) {
    const next = normalizeState({ text: value }, this.entry.state);
    this.typedNotes = next.notes;
    this.choose(next.state);
  }

  private syncInput() {
    const input = this.byRole<HTMLTextAreaElement>('text');
    if (input.value !== this.state.text) input.value = this.state.text;
  }

  private glassboxPin() {
    const own = this.data.tokenizers.find((r) => r.tokenizer === 'glassbox');
    return own ? modelPin(own) : null;
  }

  private async refresh() {
    const source = this.source;
    if (!source) return;
    const life = this.life;
    let all;
    try {
      all = await source.all(this.state.text);
    } catch (e) {
      if (!life.disposed) this.renderStatus(true, e instanceof Error ? e.message : String(e));
      return;
    }
    if (!all || life.disposed) return; // a newer request is on its way
    this.data = toExport({ ...this.state }, 'model', all);
    this.dataset.source = 'model';
    this.showModel(this.glassboxPin());
    this.renderStatus(false);
    this.draw();
  }

  private draw() {
    const chart = this.chart;
    if (!chart) return;
    this.measure(() => chart.update(viewOf(this.data), { width: this.width || undefined }));
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
