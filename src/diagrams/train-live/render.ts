/** The live training run: the summary, the loss curve and the samples printed so far, newest first. */
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, liveLine } from '../kit/dom';
import { linesFrame } from '../kit/lines';
import { trainLines, trainSummary, type TrainBody } from './view';

const HEIGHT = 240; // px
const SHOWN = 5; // samples listed

export function render(root: HTMLElement, data: TrainBody, options: ChartOptions = {}): Chart<TrainBody> {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-tl-summary');
  const svg = exportSvg(base, 'gb-tl-chart').attr('aria-hidden', 'true').attr('font-size', 12);
  const frame = linesFrame(svg);
  const heading = base.append('p').attr('class', 'gb-tl-heading');
  const list = base.append('ol').attr('class', 'gb-tl-samples');

  function draw(b: TrainBody, o: ChartOptions) {
    summary.text(trainSummary(b));
    frame(trainLines(b), Math.max(300, Math.round(o.width ?? 640)), HEIGHT);
    heading.text(b.samples.length ? 'Samples, newest first' : 'Samples appear every 100 steps');
    const rows = list.selectAll<HTMLLIElement, TrainBody['samples'][number]>('li').data(b.samples.slice(-SHOWN).reverse(), (s) => String(s.step)).join((e) => {
      const li = e.append('li');
      li.append('span').attr('class', 'gb-tl-step');
      li.append('code');
      return li;
    });
    rows.order();
    rows.select('.gb-tl-step').text((s) => `step ${s.step}: `);
    rows.select('code').text((s) => s.text);
  }

  return redrawn(root, data, options, draw);
}
