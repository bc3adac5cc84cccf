/**
 * Beam search as a tree: one column per step, every proposed token a node labelled with its
 * cumulative log-probability (nats), the kept ones in colour and the pruned ones greyed out, the
 * best beam's path bold; then the best beam against greedy. Draws only inside `root`.
 */
import { showToken } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import type { BeamBody } from './data';

export type BeamView = Omit<BeamBody, 'source' | 'model'>;
type Node = BeamView['nodes'][number];

const NODE_H = 34; // px per node row
const KEPT = '#0072B2';
const BEST = '#D55E00';
const PRUNED = '#767676'; // 4.5:1 on white

const joined = (ts: { text: string }[]) => ts.map((t) => t.text).join('').trim();

export function summarize(d: BeamView): string {
  const best = d.beams[0];
  if (!best) return 'No beams.';
  const verdict = best.logp > d.greedy.logp + 1e-9 ? 'Beam search finds a likelier text than greedy' : 'Here greedy is as good as the beams';
  return `${verdict}: “${joined(best.tokens)}” has log-probability ${best.logp.toFixed(2)} nats; greedy’s “${joined(d.greedy.tokens)}” has ${d.greedy.logp.toFixed(2)}.`;
}

export function render(root: HTMLElement, data: BeamView, options: ChartOptions = {}): Chart<BeamView> {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-beam-summary');
  const svg = exportSvg(base, 'gb-beam-chart').attr('aria-hidden', 'true').attr('font-size', 12);
  const [linksG, nodesG] = hiddenGroups(svg, 'gb-beam-links', 'gb-beam-nodes');
  const table = dataTable<BeamView>(base, { cls: 'gb-beam-table', columns: ['Beam', 'Text', 'Log-probability (nats)', 'Score'] }, (d) => ({
    caption: 'The surviving beams and greedy, with log-probabilities and length-normalised scores',
    rows: [
      ...d.beams.map((b, i) => ({ cells: [{ text: i + 1 }, { text: joined(b.tokens), cls: 'gb-dec-mono' }, { text: b.logp.toFixed(3) }, { text: b.score.toFixed(3) }] })),
      { cells: [{ text: 'greedy' }, { text: joined(d.greedy.tokens), cls: 'gb-dec-mono' }, { text: d.greedy.logp.toFixed(3) }, { text: '' }] },
    ],
  }));

  function draw(d: BeamView, opts: ChartOptions) {
    const width = Math.max(300, Math.round(opts.width ?? 640));
    const steps = Math.max(1, ...d.nodes.map((n) => n.step));
    const colW = width / steps;
    // The room a node's label takes; links run from there to the next column.
    const nodeW = Math.min(colW - 16, 96);
    const row = new Map<number, number>();
    const perStep = new Map<number, number>();
    d.nodes.forEach((n, i) => {
      const k = perStep.get(n.step) ?? 0;
      row.set(i, k);
      perStep.set(n.step, k + 1);
    });
    const rows = Math.max(1, ...perStep.values());
    const height = rows * NODE_H + 8;
    const best = new Set<number>();
    const bestTokens = d.beams[0]?.tokens.map((t) => t.id).join(',');
    d.nodes.forEach((n, i) => {
      let path: number[] = [];
      for (let j = i; j >= 0; j = d.nodes[j].parent) path = [d.nodes[j].id, ...path];
      if (bestTokens && bestTokens.startsWith(path.join(',')) && (bestTokens === path.join(',') || bestTokens.startsWith(path.join(',') + ','))) best.add(i);
    });
    const xy = (i: number) => [(d.nodes[i].step - 1) * colW + 4, (row.get(i) ?? 0) * NODE_H + NODE_H / 2 + 4] as const;
    const colour = (i: number) => (best.has(i) ? BEST : d.nodes[i].kept ? KEPT : PRUNED);

    summary.text(summarize(d));
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    linksG
      .selectAll<SVGLineElement, Node>('line')
      .data(d.nodes.filter((n) => n.parent >= 0))
      .join('line')
      .each(function (n) {
        const i = d.nodes.indexOf(n);
        const [x2, y2] = xy(i);
        const [x1, y1] = xy(n.parent);
        this.setAttribute('x1', String(x1 + nodeW));
        this.setAttribute('y1', String(y1));
        this.setAttribute('x2', String(x2 - 3));
        this.setAttribute('y2', String(y2));
        this.setAttribute('stroke', colour(i));
        this.setAttribute('stroke-width', best.has(i) ? '2.5' : '1');
        this.setAttribute('stroke-dasharray', n.kept ? '' : '3 3');
      });
    const g = nodesG
      .selectAll<SVGGElement, Node>('g')
      .data(d.nodes)
      .join((e) => {
        const n = e.append('g');
        n.append('text').attr('class', 'gb-dec-mono');
        n.append('text').attr('class', 'gb-beam-score').attr('font-size', 10);
        return n;
      })
      .attr('transform', (_, i) => `translate(${xy(i)[0]},${xy(i)[1]})`)
      .attr('data-kept', (n) => String(n.kept));
    g.select('text.gb-dec-mono').attr('dy', '-0.1em').attr('fill', (_, i) => colour(i)).attr('font-weight', (_, i) => (best.has(i) ? 700 : 400)).text((n) => showToken(n.text));
    g.select('text.gb-beam-score').attr('dy', '1.1em').attr('fill', (_, i) => colour(i)).text((n) => `${n.score.toFixed(2)}${n.kept ? '' : ' pruned'}`);
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
