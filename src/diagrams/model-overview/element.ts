/**
 * <glassbox-model-overview>: the whole forward pass of the reader's text, on the kit's trace
 * element (../kit/trace-element.ts). On a live trace it takes the model's side files (ln_f, wte)
 * and vocabulary from src/model/assets.ts (each fetched once per page) for the logit lens after
 * every block, and draws; GSAP loads with the render module and plays each new pass.
 * Without a sentence box of its own (the home page) it follows whatever sets `el.value.text`.
 */
import type { Trace } from '../../model/types';
import { exampleOrigin, exportHead, traceOrigin } from '../kit/sources/trace';
import { TraceChart } from '../kit/trace-chart';
import { traceElement, type TraceContext, type TraceView } from '../kit/trace-element';
import { siteBase } from '../kit/window/links';
import entry from './entry';
import { lensList, overviewOf, stagesExport, type OverviewView } from './data';
import type { OverviewExample } from './example';
import type { SizeId } from './sizes';
import { stageLink } from './stages';
import { linkContext, type OverviewOptions } from './view';

type State = { text: string; stage: string; size: SizeId };
type Gsap = typeof import('gsap').gsap;

const STAGES = entry.state.stage.values;

function overviewPart(ctx: TraceContext<State>): TraceView {
  let gsap: Gsap | undefined;
  let body: string | null = null;
  const options = (): OverviewOptions => ({
    stage: ctx.state().stage,
    size: ctx.state().size,
    stages: STAGES,
    base: siteBase(),
    width: ctx.width() || undefined,
    reducedMotion: ctx.reducedMotion(),
    gsap,
    onSelect: (stage) => ctx.pick({ stage }),
    onSize: (size) => ctx.pick({ size }),
  });
  const shown = new TraceChart<OverviewView, OverviewOptions>(options);

  return {
    ...shown.common(),
    async mount(root) {
      const [{ render }, g, example, { exampleFor }] = await Promise.all([
        import('./render'),
        import('gsap'),
        import('../../data/examples/model-overview.json'),
        import('./example'),
      ]);
      gsap = g.gsap;
      shown.mount(root, render, () => {
        const ex = example.default as OverviewExample;
        const v = exampleFor(ex, ctx.state().text);
        return { view: v, origin: exampleOrigin({ ...v, model: ex.model }) };
      });
    },
    async fromTrace(tr: Trace) {
      const { sideFiles, vocabulary } = await import('../../model/assets');
      const [side, vocab] = await Promise.all([sideFiles(tr.model.id), vocabulary(tr.model.id, tr.model.vocabSize)]);
      body = null;
      shown.show({ view: overviewOf(tr, side, vocab), origin: traceOrigin(tr) });
    },
    bodyJson() {
      // The export is written on every commit (hovers too): serialised once per pass.
      const v = shown.view;
      if (!v) return JSON.stringify(exportHead(shown.origin));
      body ??= JSON.stringify({
        ...exportHead(shown.origin),
        stages: stagesExport(v, STAGES, (s) => stageLink(s, linkContext(v))),
        lens: lensList(v),
        final: v.final,
      });
      return body;
    },
  };
}

export const GlassboxModelOverview = traceElement(entry, overviewPart);

if (!customElements.get('glassbox-model-overview')) customElements.define('glassbox-model-overview', GlassboxModelOverview);
