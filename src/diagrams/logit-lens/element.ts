/**
 * <glassbox-logit-lens>: the live logit lens, on the kit's trace element (../kit/trace-element.ts).
 * On a live trace it takes the model's side files (ln_f, wte) and its vocabulary from
 * src/model/assets.ts (each fetched once per page), decodes every layer × token through them
 * (src/math/logit-lens.ts) in slices that keep the page responsive, and draws.
 */
import type { Trace } from '../../model/types';
import { exampleOrigin, exportHead, traceOrigin, type Origin } from '../kit/sources/trace';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import entry from './entry';
import type { LensExample } from './example';
import type { LensChart, LensView } from './view';

type State = { text: string; token: number; lens: number };

function lensPart(ctx: TraceContext<State>): TraceView {
  let chart: LensChart | null = null;
  let view: LensView | null = null;
  let src: Origin | null = null;

  const options = () => ({
    layer: ctx.state().lens,
    token: ctx.state().token - 1,
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    onSelect: (lens: number, token: number) => ctx.pick({ lens, token: token + 1 }),
  });

  return {
    async mount(root) {
      const [{ render }, example] = await Promise.all([import('./render'), import('../../data/examples/logit-lens.json')]);
      if (!view) {
        const ex = example.default as LensExample;
        view = { text: ex.text, tokens: ex.tokens, lens: ex.lens };
        src = exampleOrigin(ex);
      }
      chart = render(root, view, options());
    },
    async fromTrace(tr: Trace) {
      const [{ sideFiles, vocabulary }, { lensOf }] = await Promise.all([import('../../model/assets'), import('./view')]);
      const [side, vocab] = await Promise.all([sideFiles(tr.model.id), vocabulary(tr.model.id, tr.model.vocabSize)]);
      const lens = await lensOf(tr.hiddenStates, side.norm, side.unembedding, vocab);
      src = traceOrigin(tr);
      view = { text: tr.text, tokens: src.tokens, lens };
    },
    origin: () => src,
    redraw() {
      if (chart && view) chart.update(view, options());
    },
    bodyJson() {
      // [row][token] → top 5 { id, text, p }; row 0 = embedding + position, last row = the model's output.
      return JSON.stringify({ ...exportHead(src), lens: view?.lens ?? [] });
    },
    destroy() {
      chart?.destroy();
      chart = null;
    },
  };
}

export const GlassboxLogitLens = traceElement(entry, lensPart);

if (!customElements.get('glassbox-logit-lens')) customElements.define('glassbox-logit-lens', GlassboxLogitLens);
