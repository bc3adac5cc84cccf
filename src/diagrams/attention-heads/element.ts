/**
 * <glassbox-attention-heads>: the live wrapper around render.ts, on the kit's host
 * (../kit/element.ts: state, URL, export, lifecycle) with the live-model part (../kit/live.ts),
 * the trace source (../kit/sources/trace.ts) and heads.json from src/model/assets.ts. It shows the
 * build-time example until the model answers.
 *
 * Unlike the other diagrams, `el.value` is the chosen head { layer, head } (1-based; null until
 * one is picked), not the state: choosing one sets it and dispatches a bubbling `change`
 * CustomEvent with the same object as `detail`. With `data-follow="attention"` it follows the
 * page's `attention` diagram: it reads that diagram's state (text and token) and shows its head
 * as chosen, and a head or token chosen here is handed to it (see link.ts).
 */
import type { HeadScores } from '../../model/assets';
import type { Trace } from '../../model/types';
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { traceSource, truncationNotes } from '../kit/sources/trace';
import entry from './entry';
import { followAttention, selectInAttention } from './link';
import type { AttentionHeadsChart, HeadRef } from './render';
import type { AttentionHeadsExport } from './view';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 60;

type State = { text: string; token: number };
type Body = Omit<AttentionHeadsExport, 'state'>;

export class GlassboxAttentionHeads extends DiagramElement<State> {
  protected readonly entry = entry;
  private chosen: HeadRef | null = null;
  private data!: Body;
  private chart: AttentionHeadsChart | null = null;
  private view: typeof import('./view') | null = null;
  private request: ((text: string) => Promise<Trace | undefined>) | null = null;
  private trace: Trace | null = null;
  private scores: HeadScores | null = null;
  private notes: string[] = [];
  // The cast: only `value` differs from the host's type (see above), and LiveModel never reads it.
  private readonly live = new LiveModel(this as unknown as DiagramElement, () => this.refresh(), () => this.renderSource());

  // @ts-expect-error: this grid's value is the chosen head, not its state (its public contract, see above).
  override get value(): HeadRef | null {
    return this.chosen;
  }

  // @ts-expect-error: as the getter.
  override set value(h: HeadRef | null) {
    this.chosen = h;
  }

  get following(): boolean {
    return this.dataset.follow === 'attention';
  }

  protected connected() {
    this.data = withoutState(this.exportSlot.read<AttentionHeadsExport>());
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input) {
      if (input.value !== this.state.text) input.value = this.state.text;
      this.listen(input, 'input', () => this.life.later('typing', DEBOUNCE_MS, () => this.choose({ text: input.value })));
    }
    if (this.following) {
      this.life.add(
        followAttention((s) => {
          this.chosen = s.selected;
          if (s.text !== this.state.text || s.token !== this.state.token) this.choose({ text: s.text, token: s.token });
          else this.draw();
        }),
      );
    }
    this.live.wire();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    const life = this.life;
    const root = this.byRole('chart');
    this.width = root.clientWidth;
    const [{ render }, view] = await Promise.all([import('./render'), import('./view'), this.live.connect()]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.view = view;
    this.chart = render(root, view.viewOf(this.exported()), this.options());
    // The reader may have picked a head while the modules loaded: show what they chose.
    this.draw();
    this.followWidth(root, () => this.draw());
    this.request = traceSource(this.live);
    await this.live.start();
  }

  protected stopped() {
    this.request = null;
    this.chart?.destroy();
    this.chart = null;
  }

  protected extraNotes() {
    return [...this.live.notes(), ...this.notes];
  }

  protected exportBody() {
    return this.data;
  }

  /** A new text needs a forward pass, a new token only a redraw. */
  protected changed(prev: State) {
    const input = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (input && input.value !== this.state.text && document.activeElement !== input) input.value = this.state.text;
    // Before the grid nears the viewport only the state changes; start() will draw it.
    if (!this.started) return;
    if (this.state.text !== prev.text || !this.trace) void this.refresh();
    else this.rebuild();
  }

  private async refresh() {
    if (!this.request) return;
    if (this.state.text === '') {
      this.trace = null;
      this.rebuild();
      return;
    }
    let trace: Trace | undefined;
    try {
      trace = await this.request(this.state.text);
      if (trace) this.scores = await (await import('../../model/assets')).headScores(trace.model.id);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!trace || !this.isConnected) return; // a newer request is on its way
    this.byRole('error').hidden = true;
    this.trace = trace;
    this.rebuild();
  }

  /** Recompute the export from the current trace and state, then redraw. */
  private rebuild() {
    if (!this.view) return;
    const trace = this.state.text === '' ? null : this.trace;
    const { token, note } = this.view.clampToken(this.state.token, trace?.tokens.length ?? 0);
    this.data = {
      source: 'model',
      model: trace ? { id: trace.model.id, version: trace.model.version } : this.data.model,
      text: this.state.text,
      truncated: trace?.truncated ?? false,
      tokens: trace ? trace.tokens.map(({ id, text }) => ({ id, text })) : [],
      token,
      heads: trace ? this.view.headRows(trace.attentions, token, this.scores) : [],
    };
    this.dataset.source = 'model';
    if (trace) this.showModel(trace.model);
    this.renderSource();
    this.notes = [...(note ? [note] : []), ...(trace ? truncationNotes(trace) : [])];
    this.renderNotes();
    this.draw();
  }

  private exported(): AttentionHeadsExport {
    return { state: { ...this.state }, ...this.data };
  }

  private options() {
    return {
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      selected: this.chosen,
      onSelect: (h: HeadRef) => this.chooseHead(h),
      onToken: (token: number) => this.pickToken(token),
    };
  }

  /** A query token from the grid's own picker; when following, the attention diagram takes it too. */
  private pickToken(token: number) {
    this.choose({ token });
    if (this.following) selectInAttention({ token });
  }

  private chooseHead(h: HeadRef) {
    this.chosen = h;
    this.draw();
    this.dispatchEvent(new CustomEvent<HeadRef>('change', { detail: h, bubbles: true }));
    const where = this.following ? selectInAttention({ layer: h.layer, head: h.head }) : false;
    this.byRole('choice').textContent = where
      ? `Layer ${h.layer}, head ${h.head} is now shown in the attention diagram.`
      : `Layer ${h.layer}, head ${h.head} chosen.`;
  }

  private renderSource() {
    this.live.source({ kind: this.data.source, model: this.data.model, text: this.data.text }, this.state.text);
  }

  private draw() {
    if (this.chart && this.view) {
      const chart = this.chart;
      const view = this.view;
      this.measure(() => chart.update(view.viewOf(this.exported()), this.options()));
    }
    this.writeExport();
  }
}

if (!customElements.get('glassbox-attention-heads')) customElements.define('glassbox-attention-heads', GlassboxAttentionHeads);
