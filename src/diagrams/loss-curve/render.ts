/**
 * The loss curve: training and held-out loss over steps or tokens, the learning rate on the right
 * axis, warm-up shaded, checkpoints marked, and a read-out. Pointing at the chart reads the
 * nearest logged step exactly (a local read-out; the `at` slider is the keyboard's way and the
 * state's). A one-line summary and the held-out table are the text alternative.
 */
import { pointer } from 'd3';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, liveLine } from '../kit/dom';
import { linesFrame } from '../kit/lines';
import { dataTable } from '../kit/table';
import { curveView, readoutAt, readoutText, valSetsOf, type CurveExport } from './data';

const HEIGHT = 300; // px
const MIN_WIDTH = 300;

export function summarize(d: CurveExport): string {
  const first = d.log.train[0];
  const last = d.log.train[d.log.train.length - 1];
  if (!first || !last) return 'The training log has no points.';
  const v = d.log.val[d.log.val.length - 1];
  const held = v ? valSetsOf(d.log).map((s) => `${v[`val_${s}`].loss.toFixed(2)} nats on held-out ${s}`).join(' and ') : '';
  return (
    `Training loss fell from ${first.loss.toFixed(2)} nats per token at step ${first.step} to ${last.loss.toFixed(2)} at step ${last.step.toLocaleString('en-US')}` +
    (held ? `, ending at ${held}.` : '.')
  );
}

export function render(root: HTMLElement, data: CurveExport, options: ChartOptions = {}): Chart<CurveExport> {
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-lc-summary');
  const readout = liveLine(base, 'gb-lc-readout');
  const legend = base.append('ul').attr('class', 'gb-lc-legend');
  const svg = exportSvg(base, 'gb-lc-chart').attr('aria-hidden', 'true').attr('font-size', 12);
  const frame = linesFrame(svg);
  const overlay = svg.append('rect').attr('class', 'gb-lc-overlay').attr('fill', 'transparent');
  const note = base.append('p').attr('class', 'gb-lc-note');
  const table = dataTable<CurveExport>(base, { cls: 'gb-lc-table', columns: ['Step', 'Tokens seen', 'Training loss (nats)', 'Learning rate', 'Held-out loss (nats)', 'Held-out bits per byte'] }, (d) => ({
    caption: 'Held-out evaluations in the training log, with the training loss logged at the same step',
    rows: d.log.val.map((v) => {
      const t = d.log.train.find((p) => p.step === v.step);
      const sets = valSetsOf(d.log);
      return {
        cells: [
          { text: v.step, head: true },
          { text: v.tokens.toLocaleString('en-US') },
          { text: t ? t.loss.toFixed(4) : '' },
          { text: t ? t.lr.toPrecision(3) : '' },
          { text: sets.map((s) => `${s} ${v[`val_${s}`].loss.toFixed(4)}`).join(', ') },
          { text: sets.map((s) => `${s} ${v[`val_${s}`].bpb.toFixed(4)}`).join(', ') },
        ],
      };
    }),
  }));
  let current = data;

  function draw(d: CurveExport, opts: ChartOptions) {
    current = d;
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const view = curveView(d);
    summary.text(summarize(d));
    readout.text(d.readout ? readoutText(d.readout, d.state.unit) : '');
    legend
      .selectAll('li')
      .data(view.series, (s) => (s as { key: string }).key)
      .join((e) => {
        const li = e.append('li');
        li.append('span').attr('class', 'gb-lc-swatch').attr('aria-hidden', 'true');
        li.append('span');
        return li;
      })
      .call((li) => li.select('.gb-lc-swatch').style('border-top-color', (s) => s.color).style('border-top-style', (s) => (s.dash ? 'dashed' : 'solid')))
      .call((li) => li.select('span:last-child').text((s) => s.label));
    const layout = frame(view, width, HEIGHT);
    overlay.attr('x', layout.x.range()[0]).attr('y', 0).attr('width', layout.x.range()[1] - layout.x.range()[0]).attr('height', HEIGHT);
    overlay.on('pointermove', (ev: PointerEvent) => {
      const xv = layout.x.invert(pointer(ev)[0]);
      const step = current.state.x === 'tokens' ? Math.round(xv / ((current.log.train[0]?.tokens ?? 1) / (current.log.train[0]?.step ?? 1))) : xv;
      const r = readoutAt(current.log, Math.max(1, step));
      if (r) readout.text(readoutText(r, current.state.unit));
    });
    overlay.on('pointerleave', () => readout.text(current.readout ? readoutText(current.readout, current.state.unit) : ''));
    note.text(
      [d.note, d.state.unit === 'bpb' ? 'The training loss is logged per token only, so in bits per byte only the held-out sets are drawn.' : '', d.checkpoints.length ? `Dotted lines mark the ${d.checkpoints.length} kept checkpoints.` : '']
        .filter(Boolean)
        .join(' '),
    );
    table.update(d);
  }

  return redrawn(root, data, options, draw, () => overlay.on('pointermove', null).on('pointerleave', null));
}
