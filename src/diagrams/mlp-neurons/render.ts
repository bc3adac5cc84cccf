/**
 * The MLP neurons of one layer that fire most on the reader's text: one row per neuron with a
 * bar for its largest activation and a strip of cells, one per token, tinted by its activation
 * there. Hover, tap or focus a row (↑ ↓ move) to choose the neuron; below, its activation at
 * each token of the text and the sample-text tokens that excite it most, with context.
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works); text via .text().
 */
import { scaleLinear } from 'd3';
import { redrawn } from '../kit/chart';
import { clearedRoot, exportSvg, joinParts, liveLine } from '../kit/dom';
import { wirePicks } from '../kit/keys';
import { dataTable } from '../kit/table';
import { showToken } from '../kit/tokens';
import type { NeuronRow } from './data';
import { act, summarize, type NeuronsChart, type NeuronsOptions, type NeuronsView, type SampleContext } from './view';

const ROW_H = 30; // px
const LABEL_W = 96; // px, "n 123 4.56"
const BAR_W = 90; // px for the largest activation
const GAP = 10;
const MIN_W = 280;
const FILL = '#0072B2'; // Okabe–Ito blue
const NEG = '#D55E00'; // vermillion for negative activations (GELU dips to about −0.17)

export function render(root: HTMLElement, data: NeuronsView, options: NeuronsOptions = {}): NeuronsChart {
  let opts = { ...options };
  let d = data;
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-lay-summary');
  const scroll = base.append('div').attr('class', 'gb-lay-scroll');
  const svg = exportSvg(scroll, 'gb-lay-svg gb-mn-chart').attr('font-size', 12);
  const list = svg
    .append('g')
    .attr('role', 'listbox')
    .attr('tabindex', -1)
    .attr('aria-label', 'Neurons firing most on your text: ↑ ↓ choose one');
  const panel = base.append('div').attr('class', 'gb-mn-panel');
  const chosenTitle = panel.append('p').attr('class', 'gb-mn-title');
  const chosenTokens = panel.append('p').attr('class', 'gb-mn-tokens');
  const sampleTitle = panel.append('p').attr('class', 'gb-mn-title');
  const sampleList = panel.append('ol').attr('class', 'gb-mn-sample');
  // Focusable, so a keyboard can scroll the table on a narrow screen (axe scrollable-region-focusable).
  const table = dataTable<NeuronsView>(
    base,
    { cls: 'gb-lay-table', columns: ['Neuron', 'Largest activation', 'At token'], scroll: { cls: 'gb-lay-scroll', label: 'Neuron table, scrollable' } },
    (v) => ({
      caption: `The ${v.top.length} neurons of layer ${v.layer + 1} that fire most on your text`,
      rows: v.top.map((r) => {
        const t = r.acts.indexOf(Math.max(...r.acts));
        return { cells: [{ text: r.neuron, head: true }, { text: act(r.max) }, { text: t >= 0 ? `${t + 1} ${showToken(v.tokens[t].text)}` : '–', cls: 'gb-lay-mono' }] };
      }),
    }),
  );

  const current = () => d.chosen.neuron;
  const target = (ev: Event) => Number((ev.target as Element | null)?.closest?.('[data-neuron]')?.getAttribute('data-neuron') ?? -1);
  const pick = (n: number) => {
    if (n >= 0 && n !== current()) opts.onNeuron?.(n);
  };
  const unwire = wirePicks(list, target, pick, (ev) => {
    const dir = ev.key === 'ArrowUp' ? -1 : ev.key === 'ArrowDown' ? 1 : 0;
    if (!dir || d.top.length === 0) return null;
    const i = d.top.findIndex((r) => r.neuron === current());
    return d.top[Math.min(d.top.length - 1, Math.max(0, (i < 0 ? -1 : i) + dir))].neuron;
  });

  function draw(next: NeuronsView, nextOptions: NeuronsOptions) {
    d = next;
    opts = nextOptions;
    const T = d.tokens.length;
    const width = Math.max(MIN_W, Math.round(opts.width ?? 560));
    const cell = T ? Math.max(6, Math.min(28, Math.floor((width - LABEL_W - BAR_W - 2 * GAP) / T))) : 0;
    const full = LABEL_W + BAR_W + 2 * GAP + cell * T;
    const height = d.top.length * ROW_H + 4;
    svg.attr('width', full).attr('height', height).attr('viewBox', `0 0 ${full} ${height}`);
    const max = Math.max(1e-9, ...d.top.map((r) => r.max));
    const x = scaleLinear().domain([0, max]).range([0, BAR_W]).clamp(true);
    summary.text(summarize(d));
    const rows = list
      .selectAll<SVGGElement, NeuronRow>('g.gb-mn-row')
      .data(d.top, (r) => String(r.neuron))
      .join((e) => {
        const g = e.append('g').attr('class', 'gb-mn-row').attr('role', 'option');
        g.append('rect').attr('class', 'gb-mn-hit');
        g.append('text').attr('class', 'gb-mn-name');
        g.append('rect').attr('class', 'gb-mn-bar').attr('fill', FILL);
        g.append('g').attr('class', 'gb-mn-strip');
        return g;
      })
      .attr('data-neuron', (r) => r.neuron)
      .attr('transform', (_, i) => `translate(0,${i * ROW_H})`)
      // Starts with the row's visible text (WCAG 2.5.3), then what the bar and strip show.
      .attr('aria-label', (r) => `n${r.neuron} ${act(r.max)}: neuron ${r.neuron}, largest activation ${act(r.max)}`)
      .attr('aria-selected', (r) => String(r.neuron === current()))
      .attr('tabindex', (r) => (r.neuron === current() ? 0 : -1))
      .classed('is-selected', (r) => r.neuron === current());
    rows.select('.gb-mn-hit').attr('width', full).attr('height', ROW_H - 2);
    rows
      .select('.gb-mn-name')
      .attr('x', 4)
      .attr('y', ROW_H / 2)
      .attr('dy', '0.35em')
      .text((r) => `n${r.neuron} ${act(r.max)}`);
    rows
      .select('.gb-mn-bar')
      .attr('x', LABEL_W)
      .attr('y', 8)
      .attr('height', ROW_H - 18)
      .attr('width', (r) => Math.max(1, x(r.max)));
    rows
      .select('.gb-mn-strip')
      .attr('transform', `translate(${LABEL_W + BAR_W + GAP},4)`)
      .selectAll('rect')
      .data((r) => r.acts)
      .join('rect')
      .attr('x', (_, t) => t * cell)
      .attr('width', Math.max(1, cell - 1))
      .attr('height', ROW_H - 10)
      .attr('fill', (a) => (a < 0 ? NEG : FILL))
      .attr('fill-opacity', (a) => (0.06 + 0.94 * Math.min(1, Math.abs(a) / max)).toFixed(3));
    const focused = list.select<SVGGElement>('.is-selected').node();
    const active = root.ownerDocument.activeElement;
    if (focused && active && active !== focused && list.node()?.contains(active)) focused.focus();

    const acts = d.chosen.acts;
    chosenTitle.text(T ? `Neuron ${d.chosen.neuron} of layer ${d.layer + 1} on your text:` : '');
    chosenTokens
      .selectAll<HTMLSpanElement, { id: number; text: string }>('span')
      .data(T ? d.tokens : [])
      .join('span')
      .attr('class', 'gb-mn-tok gb-lay-mono')
      .style('--a', (_, i) => (acts ? Math.min(1, Math.max(0, acts[i]) / max).toFixed(3) : '0'))
      .text((tk, i) => `${showToken(tk.text)} ${acts ? act(acts[i]) : '…'}`);
    const hits = d.sample?.hits ?? [];
    sampleTitle.text(d.sample ? `In the sample text, neuron ${d.chosen.neuron} fires most on:` : '');
    const li = joinParts(sampleList.selectAll<HTMLLIElement, SampleContext>('li').data(hits), 'li', [
      ['span', 'gb-lay-mono gb-mn-ctx'],
      ['mark', 'gb-lay-mono'],
      ['span', 'gb-lay-mono gb-mn-ctx'],
      ['span', 'gb-mn-act'],
    ]);
    li.select('span:nth-child(1)').text((h) => `…${h.before}`);
    li.select('mark').text((h) => h.token);
    li.select('span:nth-child(3)').text((h) => `${h.after}…`);
    li.select('.gb-mn-act').text((h) => ` ${act(h.activation)} (${h.passage})`);
    table.update(d);
  }

  return redrawn(root, data, options, draw, unwire);
}
