/**
 * <glassbox-logit-lens>: the live logit lens, on the kit's trace element (../kit/trace-element.ts).
 * On a live trace it takes the model's side files (ln_f, wte) and its vocabulary from
 * src/model/assets.ts (each fetched once per page), decodes every layer × token through them
 * (src/math/logit-lens.ts) in slices that keep the page responsive, and draws.
 */
import type { Trace } from '../../model/types';
import { exampleOrigin, exportHead, traceOrigin } from '../kit/sources/trace';
import { TraceChart } from '../kit/trace-chart';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import entry from './entry';
import type { LensExample } from './example';
import type { LensOptions, LensView } from './view';

type State = { text: string; token: number; lens: number };

function lensPart(ctx: TraceContext<State>): TraceView {
  const options = (): LensOptions => ({
    layer: ctx.state().lens,
    token: ctx.state().token - 1,
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    onSelect: (lens: number, token: number) => ctx.pick({ lens, token: token + 1 }),
  });
  const shown = new TraceChart<LensView, LensOptions>(options);

  return {
    ...shown.common(),
    async mount(root) {
      const [{ render }, example] = await Promise.all([import('./render'), import('../../data/examples/logit-lens.json')]);
      shown.mount(root, render, () => {
        const ex = example.default as LensExample;
        return { view: { text: ex.text, tokens: ex.tokens, lens: ex.lens }, origin: exampleOrigin(ex) };
      });
    },
    async fromTrace(tr: Trace) {
      const [{ sideFiles, vocabulary }, { lensOf }] = await Promise.all([import('../../model/assets'), import('./view')]);
      const [side, vocab] = await Promise.all([sideFiles(tr.model.id), vocabulary(tr.model.id, tr.model.vocabSize)]);
      const lens = await lensOf(tr.hiddenStates, side.norm, side.unembedding, vocab);
      const origin = traceOrigin(tr);
      shown.show({ view: { text: tr.text, tokens: origin.tokens, lens }, origin });
    },
    bodyJson() {
      // [row][token] → top 5 { id, text, p }; row 0 = embedding + position, last row = the model's output.
      return JSON.stringify({ ...exportHead(shown.origin), lens: shown.view?.lens ?? [] });
    },
  };
}

export const GlassboxLogitLens = traceElement(entry, lensPart);

if (!customElements.get('glassbox-logit-lens')) customElements.define('glassbox-logit-lens', GlassboxLogitLens);
