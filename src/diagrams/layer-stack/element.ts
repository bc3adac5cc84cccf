/**
 * <glassbox-layer-stack>: the live layer stack, on the kit's trace element
 * (../kit/trace-element.ts). With WebGL it loads the 3D view (three.js) when it comes near the
 * viewport; without, the 2D view. Each live trace becomes every token's per-layer contributions
 * (../kit/layers/contributions.ts); the export holds the selected token's.
 */
import { siteBase } from '../../model/assets';
import type { Trace } from '../../model/types';
import { attentionState } from '../kit/fields';
import { exampleOrigin, exportHead, traceOrigin, type Origin } from '../kit/sources/trace';
import { serializeState } from '../kit/state';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import entry from './entry';
import type { StackExample } from './example';
import type { StackChart, StackView } from './view';

type State = { text: string; token: number; layer: number };

function stackPart(ctx: TraceContext<State>): TraceView {
  let chart: StackChart | null = null;
  let view: StackView | null = null;
  let src: Origin | null = null;

  /** The attention chapter showing layer `l` (0-based), head 1, for this text and token. */
  const href = (l: number) => {
    const { text, token } = ctx.state();
    const q = serializeState({ text, layer: l + 1, head: 1, token }, attentionState);
    return `${siteBase()}attention/${q ? `?${q}` : ''}`;
  };

  const options = () => ({
    token: ctx.state().token - 1,
    layer: ctx.state().layer - 1,
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    onToken: (t: number) => ctx.pick({ token: t + 1 }),
    onLayer: (l: number) => ctx.pick({ layer: l + 1 }),
    href,
  });

  return {
    async mount(root) {
      const { webglAvailable } = await import('./view');
      const three = webglAvailable(document);
      ctx.element.dataset.renderer = three ? 'webgl' : '2d';
      const [{ render }, example] = await Promise.all([three ? import('./three-view') : import('./flat'), import('../../data/examples/layer-stack.json')]);
      if (!view) {
        const ex = example.default as StackExample;
        view = { text: ex.text, tokens: ex.tokens, contributions: ex.contributions };
        src = exampleOrigin(ex);
      }
      chart = render(root, view, options());
    },
    async fromTrace(tr: Trace) {
      const { contributionsOf } = await import('../kit/layers/contributions');
      src = traceOrigin(tr);
      view = { text: tr.text, tokens: src.tokens, contributions: src.tokens.map((_, t) => contributionsOf(tr, t)) };
    },
    origin: () => src,
    redraw() {
      if (chart && view) chart.update(view, options());
    },
    bodyJson() {
      const T = view?.tokens.length ?? 0;
      const t = T ? Math.min(T, ctx.state().token) - 1 : -1;
      // [{ layer (1-based), attn_norm, mlp_norm, resid_norm (stream in), out_norm (stream out) }] for state.token.
      return JSON.stringify({ ...exportHead(src), contributions: t >= 0 ? view?.contributions[t] ?? [] : [] });
    },
    destroy() {
      chart?.destroy();
      chart = null;
    },
  };
}

export const GlassboxLayerStack = traceElement(entry, stackPart);

if (!customElements.get('glassbox-layer-stack')) customElements.define('glassbox-layer-stack', GlassboxLayerStack);
