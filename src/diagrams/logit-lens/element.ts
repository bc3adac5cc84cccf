/**
 * <glassbox-logit-lens>: the live logit lens. On a live trace it fetches the model's side files
 * (ln_f, wte; src/diagrams/layers/side-files.ts) and its vocabulary once, decodes every layer ×
 * token through them (src/math/logit-lens.ts) in slices that keep the page responsive, and draws.
 */
import type { Trace } from '../../model/types';
import entry from './entry';
import { LiveTraceElement, type Origin } from '../kit/live-trace';
import type { LensChart, LensView } from './view';
import type { LensExample } from './example';

type State = { text: string; token: number; lens: number };
const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export class GlassboxLogitLens extends LiveTraceElement<State> {
  protected readonly schema = entry.state;
  protected readonly diagramId = entry.id;
  private chart: LensChart | null = null;
  private view: LensView | null = null;
  private src: Origin | null = null;

  protected async mount(root: HTMLElement) {
    const [{ render }, example] = await Promise.all([import('./render'), import('../../data/examples/logit-lens.json')]);
    if (!this.view) {
      const ex = example.default as LensExample;
      this.view = { text: ex.text, tokens: ex.tokens, lens: ex.lens };
      this.src = { kind: 'example', model: ex.model, text: ex.text, truncated: ex.truncated, tokens: ex.tokens };
    }
    this.chart = render(root, this.view, this.options());
    this.cleanup.push(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  protected async fromTrace(tr: Trace) {
    const [{ loadSideFiles }, { loadVocab }, { lensOf }] = await Promise.all([
      import('../kit/sources/side-files'),
      import('../kit/sources/vocab'),
      import('./view'),
    ]);
    const [side, vocab] = await Promise.all([
      loadSideFiles(siteBase(), tr.model.id),
      loadVocab(siteBase(), tr.model.id, tr.model.vocabSize),
    ]);
    const [rows, T] = tr.hiddenStates.shape;
    const lens = await lensOf(tr.hiddenStates.data, rows, T, side.norm, side.unembedding, vocab);
    const tokens = tr.tokens.map(({ id, text }) => ({ id, text }));
    this.view = { text: tr.text, tokens, lens };
    this.src = { kind: 'model', model: { id: tr.model.id, version: tr.model.version }, text: tr.text, truncated: tr.truncated, tokens };
  }

  protected origin() {
    return this.src;
  }

  private options() {
    return {
      layer: this.state.lens,
      token: this.state.token - 1,
      width: this.width || undefined,
      reducedMotion: this.reduce,
      onSelect: (lens: number, token: number) => this.pick({ lens, token: token + 1 }),
    };
  }

  protected redraw() {
    if (this.chart && this.view) this.chart.update(this.view, this.options());
  }

  protected body() {
    const s = this.src;
    return {
      source: s?.kind ?? 'example',
      model: s?.model,
      text: s?.text,
      truncated: s?.truncated ?? false,
      tokens: s?.tokens ?? [],
      // [row][token] → top 5 { id, text, p }; row 0 = embedding + position, last row = the model's output.
      lens: this.view?.lens ?? [],
    };
  }
}

if (!customElements.get('glassbox-logit-lens')) customElements.define('glassbox-logit-lens', GlassboxLogitLens);
