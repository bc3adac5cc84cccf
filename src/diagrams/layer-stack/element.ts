/**
 * <glassbox-layer-stack>: the live layer stack. With WebGL it loads the 3D view (three.js) when
 * it comes near the viewport; without, the 2D view. Each live trace becomes every token's
 * per-layer contributions (../layers/contributions.ts); the export holds the selected token's.
 */
import type { Trace } from '../../model/types';
import { attentionState } from '../kit/fields';
import entry from './entry';
import { serializeState } from '../kit/state';
import { LiveTraceElement, type Origin } from '../kit/live-trace';
import type { StackChart, StackView } from './view';
import type { StackExample } from './example';

type State = { text: string; token: number; layer: number };
const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export class GlassboxLayerStack extends LiveTraceElement<State> {
  protected readonly schema = entry.state;
  protected readonly diagramId = entry.id;
  private chart: StackChart | null = null;
  private view: StackView | null = null;
  private src: Origin | null = null;

  protected async mount(root: HTMLElement) {
    const { webglAvailable } = await import('./view');
    const three = webglAvailable(document);
    this.dataset.renderer = three ? 'webgl' : '2d';
    const [{ render }, example] = await Promise.all([
      three ? import('./three-view') : import('./flat'),
      import('../../data/examples/layer-stack.json'),
    ]);
    if (!this.view) {
      const ex = example.default as StackExample;
      this.view = { text: ex.text, tokens: ex.tokens, contributions: ex.contributions };
      this.src = { kind: 'example', model: ex.model, text: ex.text, truncated: ex.truncated, tokens: ex.tokens };
    }
    this.chart = render(root, this.view, this.options());
    this.cleanup.push(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  protected async fromTrace(tr: Trace) {
    const { contributionsOf } = await import('../kit/layers/contributions');
    const tokens = tr.tokens.map(({ id, text }) => ({ id, text }));
    this.view = { text: tr.text, tokens, contributions: tokens.map((_, t) => contributionsOf(tr, t)) };
    this.src = { kind: 'model', model: { id: tr.model.id, version: tr.model.version }, text: tr.text, truncated: tr.truncated, tokens };
  }

  protected origin() {
    return this.src;
  }

  /** The attention chapter showing layer `l` (0-based), head 1, for this text and token. */
  private href = (l: number) => {
    const q = serializeState({ text: this.state.text, layer: l + 1, head: 1, token: this.state.token }, attentionState);
    return `${siteBase()}attention/${q ? `?${q}` : ''}`;
  };

  private options() {
    return {
      token: this.state.token - 1,
      layer: this.state.layer - 1,
      width: this.width || undefined,
      reducedMotion: this.reduce,
      onToken: (t: number) => this.pick({ token: t + 1 }),
      onLayer: (l: number) => this.pick({ layer: l + 1 }),
      href: this.href,
    };
  }

  protected redraw() {
    if (this.chart && this.view) this.chart.update(this.view, this.options());
  }

  protected body() {
    const s = this.src;
    const T = this.view?.tokens.length ?? 0;
    const t = T ? Math.min(T, this.state.token) - 1 : -1;
    return {
      source: s?.kind ?? 'example',
      model: s?.model,
      text: s?.text,
      truncated: s?.truncated ?? false,
      tokens: s?.tokens ?? [],
      // [{ layer (1-based), attn_norm, mlp_norm, resid_norm (stream in), out_norm (stream out) }] for state.token.
      contributions: t >= 0 ? this.view?.contributions[t] ?? [] : [],
    };
  }
}

if (!customElements.get('glassbox-layer-stack')) customElements.define('glassbox-layer-stack', GlassboxLayerStack);
