/**
 * The sample tree as an icicle: one column per token position, each node a block whose height is
 * the number of samples through it (so a branch's width is its count), children stacked inside
 * their parent's span. A cold temperature gives a few thick branches; a hot one fans out into
 * slivers. Draws only inside `root`; text goes through d3 `.text()`.
 */
import { showToken } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, hiddenGroups, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import { PALETTE } from '../kit/palette';
import type { Branch, TreeBody } from './data';

export type TreeView = Omit<TreeBody, 'source' | 'model'>;

const HEIGHT = 320; // px for all samples
const LABEL_MIN_H = 14; // px: shorter blocks go unlabelled (the table has them)
/** Okabe–Ito orange, sky blue and green: black labels keep WCAG AA contrast on each. */
const FILLS = [PALETTE[0], PALETTE[1], PALETTE[2]];

type Block = { node: Branch; depth: number; y: number; h: number; path: string; top: number };

function layout(tree: Branch[], n: number): Block[] {
  const out: Block[] = [];
  const walk = (nodes: Branch[], depth: number, y0: number, path: string, top: number) => {
    let y = y0;
    nodes.forEach((node, i) => {
      const h = (node.count / n) * HEIGHT;
      const p = `${path}${node.text}`;
      out.push({ node, depth, y, h, path: p, top: depth === 0 ? i : top });
      walk(node.children, depth + 1, y, p, depth === 0 ? i : top);
      y += h;
    });
  };
  walk(tree, 0, 0, '', 0);
  return out;
}

export function summarize(d: TreeView): string {
  const first = d.tree[0];
  if (!first) return 'No samples.';
  return `${d.n} samples, ${d.distinct} different continuations; ${d.tree.length} different first tokens, the commonest “${showToken(first.text)}” in ${first.count} of ${d.n}.`;
}

export function render(root: HTMLElement, data: TreeView, options: ChartOptions = {}): Chart<TreeView> {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-tree-summary');
  const svg = exportSvg(base, 'gb-tree-chart').attr('aria-hidden', 'true').attr('font-size', 11);
  const [blocksG] = hiddenGroups(svg, 'gb-tree-blocks');
  const table = dataTable<TreeView>(base, { cls: 'gb-tree-table', columns: ['Continuation', 'Samples'], scroll: { cls: 'gb-smp-scroll', label: 'Continuations, scrollable', focusable: true } }, (d) => ({
    caption: 'Every branch of the tree and how many samples passed through it',
    rows: layout(d.tree, d.n).map((b) => ({ cells: [{ text: showToken(b.path), cls: 'gb-dec-mono' }, { text: b.node.count }] })),
  }));

  function draw(d: TreeView, opts: ChartOptions) {
    const width = Math.max(280, Math.round(opts.width ?? 640));
    const blocks = layout(d.tree, d.n);
    const depth = Math.max(1, ...blocks.map((b) => b.depth + 1));
    const colW = width / depth;
    summary.text(summarize(d));
    svg.attr('width', width).attr('height', HEIGHT).attr('viewBox', `0 0 ${width} ${HEIGHT}`);
    const g = blocksG
      .selectAll<SVGGElement, Block>('g')
      .data(blocks)
      .join((e) => {
        const b = e.append('g');
        b.append('rect');
        b.append('text').attr('class', 'gb-dec-mono').attr('fill', '#000');
        return b;
      })
      .attr('transform', (b) => `translate(${b.depth * colW},${b.y})`);
    g.select('rect')
      .attr('width', colW - 2)
      .attr('height', (b) => Math.max(0.5, b.h - 1))
      .attr('fill', (b) => FILLS[b.top % FILLS.length])
      .attr('fill-opacity', (b) => 1 - 0.2 * b.depth);
    g.select('text')
      .attr('x', 4)
      .attr('y', (b) => b.h / 2)
      .attr('dy', '0.35em')
      .text((b) => (b.h >= LABEL_MIN_H ? `${showToken(b.node.text)} ${b.node.count}` : ''));
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
