/**
 * <glassbox-attention-heads>: the live wrapper around render.ts. It shows the build-time example
 * until the model answers, starts the model only near the viewport, mirrors its state in the
 * URL when asked, and keeps the `data-export="json"` element equal to what is drawn.
 *
 * Choosing a head sets `el.value = { layer, head }` (1-based) and dispatches a bubbling
 * `change` CustomEvent with the same object as `detail`. With `data-follow="attention"` it also
 * follows the page's `attention` diagram: it reads that diagram's `data-state` (text and token)
 * and shows its head as chosen, and a head chosen here is handed to it (see link.ts).
 * Only this file and its dynamic imports run in the page; d3 and the model runtime load late.
 * The lifecycle (example, viewport start, URL, export) is ../live-model.ts.
 */
import type { ModelApi } from '../../model/api';
import type { Trace } from '../../model/types';
import attentionHeads from './entry';
import { normalizeState } from '../kit/state';
import { LiveModelElement } from '../kit/live-model';
import type { HeadScores } from '../kit/head-scores';
import type { AttentionHeadsChart, HeadRef } from './render';
import type { AttentionHeadsExport } from './view';
import { followAttention, selectInAttention } from './link';

const DEBOUNCE_MS = 60;

type State = { text: string; token: number };

const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export class GlassboxAttentionHeads extends LiveModelElement<State, AttentionHeadsExport, AttentionHeadsChart> {
  /** The chosen head, 1-based; null until the reader (or the followed diagram) picks one. */
  value: HeadRef | null = null;
  protected readonly entry = attentionHeads;
  protected state: State = { text: attentionHeads.state.text.default, token: attentionHeads.state.token.default };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: ((text: string) => Promise<Trace | undefined>) | null = null;
  private trace: Trace | null = null;
  private scores: HeadScores | null = null;
  private view: typeof import('./view') | null = null;

  protected wire(signal: AbortSignal) {
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input && input.value !== this.state.text) input.value = this.state.text;
    this.renderNotes();
    input?.addEventListener('input', () => this.onInput(input.value), { signal });
    this.cleanup.push(() => {
      clearTimeout(this.timer);
      this.request = null;
    });
    if (this.dataset.follow === 'attention') {
      this.cleanup.push(
        followAttention((s) => {
          this.value = s.selected;
          if (s.text !== this.state.text || s.token !== this.state.token) this.setState({ text: s.text, token: s.token });
          else this.draw();
        }),
      );
    }
  }

  protected async mount(root: HTMLElement) {
    const [{ render }, view] = await Promise.all([import('./render'), import('./view')]);
    this.view = view;
    return render(root, view.viewOf(this.data), this.options());
  }

  protected connect(client: typeof import('../../model/client'), model: ModelApi) {
    this.request = client.latest((text: string) => model.trace(text));
  }

  private onInput(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.urlNotes = []; // they described the link, not what the reader has typed since
      this.setState({ text: value });
    }, DEBOUNCE_MS);
  }

  /** Change the state; a new text needs a forward pass, a new token only a redraw. */
  private setState(next: Partial<State>) {
    const textChanged = next.text !== undefined && next.text !== this.state.text;
    this.state = normalizeState({ ...this.state, ...next }, this.entry.state).state as State;
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input && input.value !== this.state.text && document.activeElement !== input) input.value = this.state.text;
    this.writeState();
    // Before the grid nears the viewport only the state changes; start() will draw it.
    if (!this.started) return;
    if (textChanged || !this.trace) void this.refresh();
    else this.rebuild();
  }

  protected async refresh() {
    if (!this.request || !this.model) return;
    const text = this.state.text;
    if (text === '') {
      this.trace = null;
      this.rebuild();
      return;
    }
    let trace: Trace | undefined;
    try {
      trace = await this.request(text);
      if (trace) this.scores = await (await import('../kit/head-scores')).loadHeadScores(siteBase(), trace.model.id);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!trace || !this.isConnected) return; // a newer request is on its way
    this.get('error').hidden = true;
    this.trace = trace;
    this.rebuild();
  }

  /** Recompute the export from the current trace and state, then redraw. */
  private rebuild() {
    if (!this.view) return;
    const trace = this.state.text === '' ? null : this.trace;
    const count = trace?.tokens.length ?? 0;
    const { token, note } = this.view.clampToken(this.state.token, count);
    this.data = {
      state: { ...this.state },
      source: 'model',
      model: trace ? { id: trace.model.id, version: trace.model.version } : this.data.model,
      text: this.state.text,
      truncated: trace?.truncated ?? false,
      tokens: trace ? trace.tokens.map(({ id, text }) => ({ id, text })) : [],
      token,
      heads: trace ? this.view.headRows(trace.attentions, token, this.scores) : [],
    };
    this.showLive();
    this.renderNotes(note, trace?.truncated ? trace.model.nPositions : 0);
    this.draw();
  }

  private options() {
    return {
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      selected: this.value,
      onSelect: (h: HeadRef) => this.choose(h),
      onToken: (token: number) => this.pickToken(token),
    };
  }

  /** A query token from the grid's own picker; when following, the attention diagram takes it too. */
  private pickToken(token: number) {
    this.setState({ token });
    if (this.dataset.follow === 'attention') selectInAttention({ token });
  }

  private choose(h: HeadRef) {
    this.value = h;
    this.draw();
    this.dispatchEvent(new CustomEvent<HeadRef>('change', { detail: h, bubbles: true }));
    const where = this.dataset.follow === 'attention' ? selectInAttention({ layer: h.layer, head: h.head }) : false;
    this.get('choice').textContent = where
      ? `Layer ${h.layer}, head ${h.head} is now shown in the attention diagram.`
      : `Layer ${h.layer}, head ${h.head} chosen.`;
  }

  protected paint(chart: AttentionHeadsChart) {
    if (this.view) chart.update(this.view.viewOf(this.data), this.options());
  }

  private renderNotes(note?: string, truncatedAt = 0) {
    const notes = [...this.urlNotes];
    if (note) notes.push(note);
    if (truncatedAt) notes.push(`The text is longer than the model's context; only its first ${truncatedAt} tokens are used.`);
    this.status.notes(notes);
  }
}

if (!customElements.get('glassbox-attention-heads')) {
  customElements.define('glassbox-attention-heads', GlassboxAttentionHeads);
}
