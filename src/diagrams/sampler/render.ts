/**
 * The sampler, one step: a grid whose rows are the model's most likely tokens plus one row for
 * every other token (the tail), and whose columns are the model's distribution, each enabled
 * sampler's result in turn (cut tokens struck out, the column heading saying how many tokens and
 * how much of the mass it kept), and the final renormalised distribution. Under it, the final
 * distribution as segments of [0, 1), most likely first, with the seeded draw u as a point landing
 * in one token's segment. All bars share one scale, so renormalising visibly grows the survivors.
 * Draws only inside `root` (jsdom and build time too); text goes through d3 `.text()`.
 */
import { scaleLinear } from 'd3';
import { percent, showToken } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import { SAMPLER_LABELS } from '../kit/decoding/fields';
import type { SamplerBody } from './data';

export type SamplerView = Omit<SamplerBody, 'source' | 'model'>;
export type SamplerChart = Chart<SamplerView, ChartOptions>;

const ROWS = 10; // token rows drawn; the table has all candidates
const ROW_H = 24; // px
const HEAD_H = 38; // two lines of column heading
const CDF_H = 74; // the draw strip with its labels
const MIN_WIDTH = 300;
const LABEL_CHARS = 10;
const KEPT = '#0072B2'; // Okabe–Ito blue
const CHOSEN = '#D55E00'; // vermillion: the drawn token
const SEG = ['#56B4E9', '#0072B2']; // alternate segments

type Cell = { row: number; col: number; p: number; cut: boolean; chosen: boolean };

function clip(s: string): string {
  const c = Array.from(s);
  return c.length > LABEL_CHARS ? c.slice(0, LABEL_CHARS - 1).join('') + '…' : s;
}

const nats = (h: number) => `${h.toFixed(2)} nats`;

/** Column headings when a column is narrower than NARROW px. */
const NARROW = 96;
const SHORT: Record<string, string> = {
  temperature: 'temp.', top_k: 'top-k', top_p: 'top-p', min_p: 'min-p', typical_p: 'typical', repetition_penalty: 'penalty', no_repeat_ngram: 'n-gram',
};
const count = (n: number) => n.toLocaleString('en-US');

export function summarize(d: SamplerView): string {
  const steps = d.stages.map((s) => `${SAMPLER_LABELS[s.sampler].toLowerCase()} keeps ${s.kept.toLocaleString('en-US')}`).join(', then ');
  const draw = d.greedy ? 'Greedy: the most likely token is taken, with no draw' : `The draw u = ${d.u?.toFixed(3)} lands on`;
  return (
    `${steps ? `The model’s distribution has entropy ${nats(d.entropy.model)}; ${steps} token${d.stages.at(-1)?.kept === 1 ? '' : 's'}, ` +
      `${percent(d.kept_mass)} of the model’s probability. ` : `No sampler is on: the model’s own distribution (entropy ${nats(d.entropy.model)}). `}` +
    `${draw} “${showToken(d.chosen.text)}” (${percent(d.chosen.p_final)} after renormalising).`
  );
}

export function render(root: HTMLElement, data: SamplerView, options: ChartOptions = {}): SamplerChart {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-smp-summary');
  const svg = exportSvg(base, 'gb-smp-chart').attr('aria-hidden', 'true').attr('font-size', 12);
  const [headG, rowsG, cellsG, cdfG] = hiddenGroups(svg, 'gb-smp-head', 'gb-smp-labels', 'gb-smp-cells', 'gb-smp-cdf');
  const table = dataTable<SamplerView>(base, { cls: 'gb-smp-table', scroll: { cls: 'gb-smp-scroll', label: 'Candidates, scrollable', focusable: true } }, (d) => ({
    caption: `Each candidate’s probability under the model, after each sampler, and in the end`,
    columns: [{ text: 'Token' }, { text: 'Id' }, { text: 'Model' }, ...d.stages.map((s) => ({ text: SAMPLER_LABELS[s.sampler] })), { text: 'Final' }],
    rows: [
      ...d.candidates.map((c) => ({
        cells: [{ text: showToken(c.text), cls: 'gb-smp-mono', head: true }, { text: c.id }, { text: percent(c.p_model) }, ...c.p_stages.map((p) => ({ text: percent(p) })), { text: percent(c.p_final) }],
      })),
      {
        cells: [{ text: `${d.tail.count.toLocaleString('en-US')} other tokens`, head: true }, { text: '' }, { text: percent(d.tail.p_model) }, ...d.tail.p_stages.map((p) => ({ text: percent(p) })), { text: percent(d.tail.p_final) }],
      },
    ],
  }));

  function draw(d: SamplerView, opts: ChartOptions) {
    const width = Math.max(MIN_WIDTH, Math.round(opts.width ?? 640));
    const labelW = Math.min(110, Math.round(width * 0.24));
    const colW = (width - labelW) / (d.stages.length + 2);
    const narrow = colW < NARROW;
    const cols = ['Model', ...d.stages.map((s) => (narrow ? SHORT[s.sampler] : SAMPLER_LABELS[s.sampler])), 'Final'];
    const vocab = d.candidates.length + d.tail.count;
    const finalKept = d.stages.at(-1)?.kept ?? vocab;
    const shown = d.candidates.slice(0, ROWS);
    const rowsH = (shown.length + 1) * ROW_H;
    const cdfY = HEAD_H + rowsH + 12;
    const height = cdfY + CDF_H;
    const colP = (c: { p_model: number; p_stages: number[]; p_final: number }) => [c.p_model, ...c.p_stages, c.p_final];
    const cells: Cell[] = [];
    [...shown, { ...d.tail, id: -1 }].forEach((c, row) => {
      colP(c).forEach((p, col) => cells.push({ row, col, p, cut: p === 0 && c.p_model > 0, chosen: c.id === d.chosen.id && col === cols.length - 1 }));
    });
    const x = scaleLinear().domain([0, Math.max(1e-9, ...cells.map((c) => c.p))]).range([0, colW - 8]);

    summary.text(summarize(d));
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const heads = headG
      .selectAll<SVGTextElement, string>('text')
      .data(cols)
      .join('text')
      .attr('x', (_, i) => labelW + i * colW + 2)
      .attr('fill', 'currentColor');
    heads.selectAll('tspan').remove();
    heads.append('tspan').attr('y', 14).attr('font-weight', 600).text((c) => c);
    heads
      .append('tspan')
      .attr('x', (_, i) => labelW + i * colW + 2)
      .attr('y', 30)
      .text((_, i) => {
        if (i === 0) return narrow ? count(vocab) : `${count(vocab)} tokens`;
        if (i === cols.length - 1) return narrow ? count(finalKept) : `${count(finalKept)} kept`;
        const st = d.stages[i - 1];
        return narrow ? count(st.kept) : `${count(st.kept)} · ${percent(st.kept_mass)}`;
      });

    rowsG
      .selectAll<SVGTextElement, string>('text')
      .data([...shown.map((c) => clip(showToken(c.text))), labelW < 100 ? 'others' : `${count(d.tail.count)} others`])
      .join('text')
      .attr('class', 'gb-smp-label')
      .attr('x', labelW - 6)
      .attr('y', (_, i) => HEAD_H + i * ROW_H + ROW_H / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .attr('fill', 'currentColor')
      .text((t) => t);

    const g = cellsG
      .selectAll<SVGGElement, Cell>('g')
      .data(cells)
      .join((enter) => {
        const e = enter.append('g');
        e.append('rect');
        e.append('text').attr('fill', 'currentColor');
        return e;
      })
      .attr('transform', (c) => `translate(${labelW + c.col * colW + 2},${HEAD_H + c.row * ROW_H + 3})`)
      .attr('data-cut', (c) => (c.cut ? 'true' : null));
    g.select('rect')
      .attr('height', ROW_H - 6)
      .attr('width', (c) => (c.cut ? 0 : Math.max(1, x(c.p))))
      .attr('fill', (c) => (c.chosen ? CHOSEN : KEPT))
      .attr('fill-opacity', (c) => (c.row === shown.length ? 0.45 : 1));
    g.select('text')
      .attr('x', (c) => (c.cut ? 2 : Math.min(colW - 10, Math.max(1, x(c.p)) + 3)))
      .attr('y', (ROW_H - 6) / 2)
      .attr('dy', '0.35em')
      .attr('font-size', 10)
      .attr('text-anchor', (c) => (!c.cut && x(c.p) > colW - 44 ? 'end' : 'start'))
      .attr('fill', (c) => (!c.cut && x(c.p) > colW - 44 ? '#fff' : 'currentColor'))
      .text((c) => (c.cut ? '✕ cut' : colW >= 58 ? percent(c.p) : ''));

    drawCdf(d, width, labelW, cdfY);
    table.update(d);
  }

  function drawCdf(d: SamplerView, width: number, labelW: number, y0: number) {
    const w = width - labelW - 4;
    const segs: { id: number; text: string; start: number; end: number }[] = [];
    let cum = 0;
    for (const c of [...d.candidates].filter((c) => c.p_final > 0).sort((a, b) => b.p_final - a.p_final || a.id - b.id)) {
      segs.push({ id: c.id, text: c.text, start: cum, end: (cum += c.p_final) });
    }
    if (d.tail.p_final > 0) segs.push({ id: -1, text: 'others', start: cum, end: cum + d.tail.p_final });
    cdfG.attr('transform', `translate(${labelW},${y0})`);
    cdfG.selectAll('text.gb-smp-cdf-title').data([0]).join('text').attr('class', 'gb-smp-cdf-title')
      .attr('x', -6).attr('y', 22).attr('text-anchor', 'end').attr('fill', 'currentColor').text('Draw');
    cdfG
      .selectAll<SVGRectElement, (typeof segs)[number]>('rect')
      .data(segs)
      .join('rect')
      .attr('x', (s) => s.start * w)
      .attr('width', (s) => Math.max(0.5, (s.end - s.start) * w))
      .attr('y', 12)
      .attr('height', 20)
      .attr('fill', (s, i) => (s.id === d.chosen.id ? CHOSEN : SEG[i % 2]))
      .attr('stroke', '#fff')
      .attr('stroke-width', 0.5);
    const u = d.u ?? (segs[0] ? (segs[0].start + segs[0].end) / 2 : 0);
    const marker = cdfG.selectAll<SVGGElement, number>('g.gb-smp-u').data([u]).join((e) => {
      const m = e.append('g').attr('class', 'gb-smp-u');
      m.append('path').attr('d', 'M0,34 l-6,9 h12 z').attr('fill', 'currentColor');
      m.append('line').attr('y1', 6).attr('y2', 36).attr('stroke', 'currentColor').attr('stroke-width', 2);
      m.append('text').attr('y', 58).attr('fill', 'currentColor');
      return m;
    });
    marker.attr('transform', `translate(${u * w},0)`);
    marker
      .select('text')
      .attr('text-anchor', u > 0.6 ? 'end' : 'start')
      .text(d.greedy ? `greedy → “${showToken(d.chosen.text)}”` : `u = ${u.toFixed(3)} → “${clip(showToken(d.chosen.text))}”`);
  }

  return redrawn(root, data, options, draw);
}
