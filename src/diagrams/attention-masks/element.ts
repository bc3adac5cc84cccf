/**
 * <glassbox-attention-masks>: the reader's sentence through three models at once. Our GPT
 * (LiveModel, `trace`), glassbox-seq2seq (LiveCompanion, `translate`) and glassbox-encoder
 * (LiveCompanion, `attend`, once models.json lists it) each load only when the diagram nears the
 * viewport, each with its own status lines; until a model answers, its panel shows the
 * build-time example. State: text, kind (the panel outlined, and drawn large on a phone), layer,
 * head (1-based; each model clamps them to its own size).
 */
import type { Trace } from '../../model/types';
import type { EncoderAttention, Translation } from '../../model/companions';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import { LiveCompanion, type Role } from '../kit/live-companion';
import { showText, typingInput } from '../kit/text-input';
import { exportBody, fromExample, masksData, START, type Heads, type Kind, type MasksExample, type MasksData, type Sources, type Tok } from './data';
import entry from './entry';
import type { MasksOptions } from './render';

/** ms after the last keystroke before the models are asked. */
const DEBOUNCE_MS = 120;
/** The seq2seq's longest output in tokens (an ISO date is 8). */
const MAX_OUTPUT = 16;

type State = { text: string; kind: string; layer: number; head: number };

const toks = (t: { id: number; text: string }[]): Tok[] => t.map(({ id, text }) => ({ id, text }));
const headsOf = (shape: readonly number[], rows: Tok[], cols: Tok[], weights: ArrayLike<number>): Heads => ({ layers: shape[0], heads: shape[1], rows, cols, weights });


export class GlassboxAttentionMasks extends DiagramElement<State> {
  protected readonly entry = entry;
  private src: Sources = { encoder: null, decoder: null, encdec: null };
  private data: MasksData | null = null;
  private built = '{}';
  private readonly gpt = new LiveModel(this, () => this.askGpt(), () => this.renderSources());
  private s2s: LiveCompanion<'seq2seq'> | null = null;
  private enc: LiveCompanion<'encoder'> | null = null;
  private hasEncoder = false;
  private askTrace: ((text: string) => Promise<Trace | undefined>) | null = null;
  private askS2s: ((text: string) => Promise<Translation | undefined>) | null = null;
  private askEnc: ((text: string) => Promise<EncoderAttention | undefined>) | null = null;
  private readonly chart = new ChartSlot<MasksData, MasksOptions, State>(this, this.port(), () => this.current(), () => this.options());

  protected connected() {
    this.built = JSON.stringify(this.exportSlot.read<Record<string, unknown>>() ?? {});
    showText(typingInput(this, 'text', DEBOUNCE_MS, (value) => this.onType(value)), this.state.text);
    for (const picker of this.querySelectorAll<HTMLSelectElement>('select[data-key]')) {
      const key = picker.dataset.key as 'layer' | 'head';
      this.listen(picker, 'change', () => this.choose({ [key]: Number(picker.value) }));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-key="kind"]')) {
      this.listen(radio, 'change', () => radio.checked && this.choose({ kind: radio.value }));
    }
    this.s2s = new LiveCompanion(this, 'seq2seq', () => this.askEncDec(), () => this.renderSources(), this.byRole('status-encdec'));
    this.s2s.wire();
    this.enc = new LiveCompanion(this, 'encoder', () => this.askEncoder(), () => this.renderSources(), this.byRole('status-encoder'));
    this.enc.wire();
    this.gpt.wire();
    this.syncControls();
  }

  protected async start() {
    const example = import('../../data/examples/attention-masks.json');
    if (!(await this.chart.mount(import('./render'), example))) return;
    this.src = fromExample((await example).default as MasksExample);
    this.chart.draw();
    this.renderSources();
    this.askTrace = this.gpt.latest((m, text: string) => m.trace(text));
    this.askS2s = this.s2s!.latest((m, text: string) => m.translate(text, MAX_OUTPUT));
    this.askEnc = this.enc!.latest((m, text: string) => m.attend(text));
    const { catalogue } = await import('../../model/assets');
    const hasEncoder = (this.hasEncoder = await catalogue().then(
      (c) => (c.companions ?? []).some((e) => e.role === 'encoder'),
      () => false,
    ));
    await Promise.all([this.gpt.start(), this.s2s!.start(), hasEncoder ? this.enc!.start() : Promise.resolve()]);
  }

  protected stopped() {
    this.askTrace = this.askS2s = this.askEnc = null;
  }

  protected exportBody(): object {
    return this.data ? exportBody(this.data) : (({ state: _s, ...rest }) => rest)(JSON.parse(this.built) as Record<string, unknown>);
  }

  protected changed(prev: State) {
    this.syncControls();
    if (prev.text !== this.state.text) this.refresh();
    this.draw();
  }

  private onType(value: string) {
    this.choose({ text: value });
    if (!this.started) void this.begin();
  }

  private refresh() {
    void this.askGpt();
    void this.askEncDec();
    void this.askEncoder();
  }

  private syncControls() {
    const box = this.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (box) showText(box, this.state.text);
    for (const picker of this.querySelectorAll<HTMLSelectElement>('select[data-key]')) picker.value = String(this.state[picker.dataset.key as 'layer' | 'head']);
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-key="kind"]')) radio.checked = radio.value === this.state.kind;
  }

  /** Empty text: nothing to attend to, and nothing to ask a model. */
  private empty(kind: Kind): boolean {
    if (this.state.text.trim() !== '') return false;
    // The model that would have answered: one that answered before, or the one just loaded.
    const live = kind === 'decoder' ? this.gpt.info : kind === 'encdec' ? this.s2s?.info : this.enc?.info;
    const model = this.src[kind]?.model ?? (live ? { id: live.id, version: live.version } : undefined);
    if (!model) return true; // a model that is not loaded keeps its mask-only grid
    const none = headsOf([1, 1], [], [], []);
    if (kind === 'encdec') this.src.encdec = { origin: 'model', model, text: '', self: none, cross: none };
    else this.src[kind] = { origin: 'model', model, text: '', attn: none };
    // The live model has answered, with nothing to attend to: the view is no longer the example.
    if (kind === 'decoder') this.dataset.source = 'model';
    this.draw();
    return true;
  }

  private async askGpt() {
    if (!this.askTrace || this.empty('decoder')) return;
    try {
      const tr = await this.askTrace(this.state.text);
      if (!tr || !this.isConnected) return;
      const t = toks(tr.tokens);
      this.src.decoder = { origin: 'model', model: { id: tr.model.id, version: tr.model.version }, text: tr.text, attn: headsOf(tr.attentions.shape, t, t, tr.attentions.data) };
      this.gpt.status.loaded();
      this.dataset.source = 'model';
      this.showModel(tr.model);
    } catch (e) {
      this.gpt.failed(e);
      return;
    }
    this.done();
  }

  private async askEncDec() {
    const c = this.s2s;
    if (!this.askS2s || !c?.info || this.empty('encdec')) return;
    const text = this.state.text;
    try {
      const r = await this.askS2s(text);
      if (!r || !this.isConnected) return;
      const out = [START, ...toks(r.output)];
      const source = toks(r.source);
      this.src.encdec = {
        origin: 'model',
        model: { id: c.info.id, version: c.info.version },
        text,
        self: headsOf(r.decoderAttentions.shape, out, out, r.decoderAttentions.data),
        cross: headsOf(r.crossAttentions.shape, out, source, r.crossAttentions.data),
      };
      c.status.loaded();
    } catch (e) {
      c.failed(e);
      return;
    }
    this.done();
  }

  private async askEncoder() {
    const c = this.enc;
    if (!this.askEnc || !c?.info || this.empty('encoder')) return;
    const text = this.state.text;
    try {
      const r = await this.askEnc(text);
      if (!r || !this.isConnected) return;
      const t = toks(r.tokens);
      this.src.encoder = { origin: 'model', model: { id: c.info.id, version: c.info.version }, text, attn: headsOf(r.attentions.shape, t, t, r.attentions.data) };
      c.status.loaded();
    } catch (e) {
      c.failed(e);
      return;
    }
    this.done();
  }

  private done() {
    this.fromLink = false;
    this.renderSources();
    this.draw();
  }

  private renderSources() {
    const line = (k: Kind) => {
      const s = this.src[k];
      return s ? { kind: s.origin, model: s.model, text: s.text } : null;
    };
    this.gpt.source(line('decoder'), this.state.text);
    this.s2s?.source(line('encdec'), this.state.text);
    if (this.src.encoder || this.hasEncoder) this.enc?.source(line('encoder'), this.state.text);
    else this.byRole('status-encoder').querySelector('[data-role="source"]')!.textContent = 'glassbox-encoder is not available yet: only its mask is drawn.';
  }

  private current(): MasksData {
    this.data = masksData(this.src, this.state);
    return this.data;
  }

  private options(): MasksOptions {
    return { width: this.width || undefined, layer: this.state.layer, head: this.state.head, onKind: (kind) => this.choose({ kind }) };
  }

  private draw() {
    if (this.chart.drawn) this.chart.draw();
    this.writeExport();
  }
}

if (!customElements.get('glassbox-attention-masks')) customElements.define('glassbox-attention-masks', GlassboxAttentionMasks);
