/**
 * <glassbox-layer-stack>: the live layer stack, on the kit's trace element
 * (../kit/trace-element.ts). With WebGL it loads the 3D view (three.js) when it comes near the
 * viewport; without, the 2D view. Each live trace becomes every token's per-layer contributions
 * (../kit/layers/contributions.ts); the export holds the selected token's.
 */
import { siteBase } from '../../model/assets';
import type { Trace } from '../../model/types';
import { attentionState } from '../kit/fields';
import { exampleOrigin, exportHead, traceOrigin } from '../kit/sources/trace';
import { serializeState } from '../kit/state';
import { TraceChart } from '../kit/trace-chart';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import entry from './entry';
import type { StackExample } from './example';
import type { StackOptions, StackView } from './view';

type State = { text: string; token: number; layer: number };

function stackPart(ctx: TraceContext<State>): TraceView {
  /** The attention chapter showing layer `l` (0-based), head 1, for this text and token. */
  const href = (l: number) => {
    const { text, token } = ctx.state();
    const q = serializeState({ text, layer: l + 1, head: 1, token }, attentionState);
    return `${siteBase()}attention/${q ? `?${q}` : ''}`;
  };

  const options = (): StackOptions => ({
    token: ctx.state().token - 1,
    layer: ctx.state().layer - 1,
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    onToken: (t: number) => ctx.pick({ token: t + 1 }),
    onLayer: (l: number) => ctx.pick({ layer: l + 1 }),
    href,
  });
  const shown = new TraceChart<StackView, StackOptions>(options);

  return {
    ...shown.common(),
    async mount(root) {
      const { webglAvailable } = await import('./view');
      const three = webglAvailable(document);
      ctx.element.dataset.renderer = three ? 'webgl' : '2d';
      const [{ render }, example] = await Promise.all([three ? import('./three-view') : import('./flat'), import('../../data/examples/layer-stack.json')]);
      shown.mount(root, render, () => {
        const ex = example.default as StackExample;
        return { view: { text: ex.text, tokens: ex.tokens, contributions: ex.contributions }, origin: exampleOrigin(ex) };
      });
    },
    async fromTrace(tr: Trace) {
      const { contributionsOf } = await import('../kit/layers/contributions');
      const origin = traceOrigin(tr);
      shown.show({ view: { text: tr.text, tokens: origin.tokens, contributions: origin.tokens.map((_, t) => contributionsOf(tr, t)) }, origin });
    },
    bodyJson() {
      const { view, origin } = shown;
      const T = view?.tokens.length ?? 0;
      const t = T ? Math.min(T, ctx.state().token) - 1 : -1;
      // [{ layer (1-based), attn_norm, mlp_norm, resid_norm (stream in), out_norm (stream out) }] for state.token.
      return JSON.stringify({ ...exportHead(origin), contributions: t >= 0 ? view?.contributions[t] ?? [] : [] });
    },
  };
}

export const GlassboxLayerStack = traceElement(entry, stackPart);

if (!customElements.get('glassbox-layer-stack')) customElements.define('glassbox-layer-stack', GlassboxLayerStack);
