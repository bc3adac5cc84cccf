/**
 * <glassbox-model-timeline>: the cited timeline as a calculator
 * (../kit/calc/calculator-element.ts); the file and our model's size are the ones the page
 * embeds at build time.
 */
import { calculatorElement } from '../kit/calc/calculator-element';
import { CONTROLS } from './controls';
import { timelineExport, type OwnModel, type TimelineExport, type TimelineFile, type TimelineState } from './data';
import entry from './entry';

export const GlassboxModelTimeline = calculatorElement<TimelineState, TimelineExport>(entry, (host) => {
  let embedded: { file: TimelineFile; own: OwnModel } | undefined;
  return {
    compute: (state) => {
      embedded ??= JSON.parse(host.byRole('cited').textContent || 'null') as { file: TimelineFile; own: OwnModel };
      return timelineExport(embedded.file, embedded.own, state);
    },
    load: async () => (await import('./render')).render,
    controls: CONTROLS,
  };
});

if (!customElements.get('glassbox-model-timeline')) customElements.define('glassbox-model-timeline', GlassboxModelTimeline);
