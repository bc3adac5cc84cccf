/**
 * The whole model as one picture: a card per stage of the forward pass (tokens, embeddings,
 * each block, the final LayerNorm, logits, probabilities, the next token), left to right on a
 * wide chart and top to bottom on a narrow one (layout.ts), each card a link into its chapter in
 * the same state. Hover, focus or arrow keys select a stage: the summary line says what it shows.
 * A new pass plays as one GSAP timeline, stage by stage (owned here, killed on the next pass and
 * in destroy); with reduced motion, or without GSAP (build time, jsdom), it jumps.
 * Draws only inside `root` (document from root.ownerDocument, so jsdom works); text set as text.
 */
import { select } from 'd3';
import { clearedRoot, exportSvg, hiddenGroups, liveLine } from '../kit/dom';
import { wirePicks } from '../kit/keys';
import { dataTable } from '../kit/table';
import type { OverviewView } from './data';
import { drawStage } from './draw';
import { GAP, inner, layout, ROW_H, STREAM_H, type Box, type Layout } from './layout';
import { SHAPES, SIZES, shapeLabels, type SizeId } from './sizes';
import { put, putText } from './put';
import { stageLink, stageName } from './stages';
import { describe, linkContext, linkLabel, shapeLines, shapeOf, sizeNote, type OverviewChart, type OverviewOptions } from './view';

type Timeline = ReturnType<typeof import('gsap').gsap.timeline>;

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** A short title where a card is narrow. */
function title(stage: string, w: number): string {
  const full = stageName(stage);
  if (w >= 8 * full.length) return full;
  return ({ Embeddings: 'Embed', 'Final LayerNorm': 'ln_f', Probabilities: 'Probs', 'Next token': 'Next' } as Record<string, string>)[full] ?? full;
}

export function render(root: HTMLElement, data: OverviewView, options: OverviewOptions = {}): OverviewChart {
  let opts: OverviewOptions = { ...options };
  let d = data;
  let drawn: { d: OverviewView; width: number; size: SizeId } | null = null;
  let tl: Timeline | null = null;
  let lay: Layout | null = null;
  const stages = () => opts.stages ?? [];
  const size = () => opts.size ?? 'ours';
  const base = clearedRoot(root);

  const sizeBox = base.append('label').attr('class', 'gb-mo-size');
  sizeBox.append('span').text('Label the shapes with ');
  const sizeSelect = sizeBox.append('select').attr('name', 'size');
  sizeSelect
    .selectAll('option')
    .data(SIZES)
    .join('option')
    .call(put, 'value', (s) => s)
    .call(putText, (s) => (s === 'ours' ? `this model’s sizes` : `${SHAPES[s].name}’s sizes`));
  sizeSelect.on('change', () => opts.onSize?.((sizeSelect.node() as HTMLSelectElement).value as SizeId));
  const summary = liveLine(base, 'gb-mo-summary');
  const svg = exportSvg(base, 'gb-mo-svg').attr('font-size', 11).attr('role', 'group').attr('aria-label', 'The model’s forward pass, stage by stage');
  const [flowG] = hiddenGroups(svg, 'gb-mo-flow');
  const stagesG = svg
    .append('g')
    .attr('class', 'gb-mo-stages')
    .attr('tabindex', -1)
    .attr('aria-label', 'Stages: arrow keys move between them, Enter opens the chapter');
  // Each card's words and marks, drawn over its link in a layer of their own: a link's name is
  // its aria-label alone, so the clipped words on screen never disagree with it (WCAG 2.5.3).
  const facesG = svg.append('g').attr('class', 'gb-mo-faces').attr('aria-hidden', 'true').attr('pointer-events', 'none');
  const note = base.append('p').attr('class', 'gb-mo-cite');
  const table = dataTable<{ v: OverviewView; size: SizeId }>(base, { cls: 'gb-mo-table', columns: ['Stage', 'Shape', 'What it shows'], lazy: true, scroll: { cls: 'table-scroll', label: 'Forward pass table, scrollable' } }, ({ v, size: s }) => ({
    caption: 'Each stage of the forward pass, for the last token of the text',
    rows: stages().map((st) => ({ cells: [{ text: stageName(st), head: true }, { text: shapeOf(st, s), cls: 'gb-mo-shape-cell' }, { text: describe(st, v) }] })),
  }));

  const index = () => Math.max(0, stages().indexOf(opts.stage ?? ''));
  const pick = (stage: string | null) => {
    if (stage && stage !== opts.stage) opts.onSelect?.(stage);
  };
  const unwire = wirePicks(
    stagesG,
    (ev) => (ev.target as Element | null)?.closest?.('[data-stage]')?.getAttribute('data-stage') ?? null,
    pick,
    (ev) => {
      const n = stages().length;
      if (!(ev.key in MOVES) || n === 0) return null;
      return stages()[Math.min(n - 1, Math.max(0, MOVES[ev.key](index(), n)))];
    },
  );

  function href(stage: string): string {
    return `${(opts.base ?? '/').replace(/\/$/, '')}${stageLink(stage, linkContext(d))}`;
  }

  function flow(l: Layout) {
    const arrows = l.boxes.slice(1).map((b) => (l.vertical ? { x: b.x + b.w / 2, y: b.y - GAP / 2, r: 90 } : { x: b.x - GAP / 2, y: ROW_H / 2, r: 0 }));
    flowG
      .selectAll('path.gb-mo-arrow')
      .data(arrows)
      .join('path')
      .call(put, 'class', 'gb-mo-arrow')
      .call(put, 'd', 'M-4,-5L3,0L-4,5')
      .call(put, 'transform', (a) => `translate(${a.x},${a.y}) rotate(${a.r})`);
    // The residual stream under the blocks: every block adds to it (the "+attn", "+MLP" rows).
    const blocks = l.boxes.filter((b) => b.kind === 'block');
    const stream = !l.vertical && blocks.length ? [{ x1: blocks[0].x, x2: blocks[blocks.length - 1].x + blocks[blocks.length - 1].w }] : [];
    flowG
      .selectAll('line.gb-mo-stream')
      .data(stream)
      .join('line')
      .call(put, 'class', 'gb-mo-stream')
      .call(put, 'x1', (s) => s.x1)
      .call(put, 'x2', (s) => s.x2)
      .call(put, 'y1', ROW_H + 6)
      .call(put, 'y2', ROW_H + 6);
    const s = SHAPES[size()];
    const label = `residual stream: ${blocks.length} blocks${size() === 'ours' ? '' : ` (${s.name}: ${s.layers})`}, ${shapeLabels(s).embeddings.join(' ')}`;
    flowG
      .selectAll('text.gb-mo-stream-label')
      .data(stream)
      .join('text')
      .call(put, 'class', 'gb-mo-stream-label gb-mo-muted')
      .call(put, 'x', (t) => (t.x1 + t.x2) / 2)
      .call(put, 'y', ROW_H + STREAM_H - 6)
      .call(put, 'text-anchor', 'middle')
      .call(putText, label);
  }

  /** What depends on the width and the sizes only: the cards' places, titles and shape labels. */
  function frame(): Layout {
    const l = layout(stages(), opts.width ?? 1100);
    svg.call(put, 'width', l.width).call(put, 'height', l.height).call(put, 'viewBox', `0 0 ${l.width} ${l.height}`);
    flow(l);
    const cards = stagesG
      .selectAll<SVGAElement, Box>('a.gb-mo-stage')
      .data(l.boxes, (b) => b.stage)
      .join((e) => {
        const a = e.append('a').attr('class', 'gb-mo-stage');
        a.append('rect').attr('class', 'gb-mo-card');
        return a;
      })
      .call(put, 'data-stage', (b) => b.stage);
    const faces = facesG
      .selectAll<SVGGElement, Box>('g.gb-mo-face')
      .data(l.boxes, (b) => b.stage)
      .join((e) => {
        const g = e.append('g').attr('class', 'gb-mo-face');
        g.append('text').attr('class', 'gb-mo-title');
        g.append('text').attr('class', 'gb-mo-shape gb-mo-muted');
        g.append('g').attr('class', 'gb-mo-content');
        return g;
      })
      .call(put, 'data-stage', (b) => b.stage);
    cards
      .select('.gb-mo-card')
      .call(put, 'x', (b) => b.x + 0.5)
      .call(put, 'y', (b) => b.y + 0.5)
      .call(put, 'width', (b) => b.w - 1)
      .call(put, 'height', (b) => b.h - 1)
      .call(put, 'rx', 4);
    faces
      .select('.gb-mo-title')
      .call(put, 'x', (b) => b.x + (l.vertical ? 8 : 6))
      .call(put, 'y', (b) => b.y + 15)
      .call(putText, (b) => title(b.stage, b.w));
    // One line at the right of a column card; stacked short lines at the foot of a row card.
    faces
      .select('.gb-mo-shape')
      .call(put, 'text-anchor', l.vertical ? 'end' : 'start')
      .call(put, 'font-size', l.vertical ? 11 : 9.5)
      .selectAll('tspan')
      .data((b) => (l.vertical ? [shapeOf(b.stage, size())] : shapeLines(b.stage, size())).map((t, i, all) => ({ t, b, i, n: all.length })))
      .join('tspan')
      .call(put, 'x', ({ b }) => (l.vertical ? b.x + b.w - 8 : b.x + 6))
      .call(put, 'y', ({ b, i, n }) => (l.vertical ? b.y + 15 : b.y + b.h - 7 - (n - 1 - i) * 11))
      .call(putText, ({ t }) => t);
    // 10 px in the narrow row cards, so "attn +39.8" fits a block's width.
    faces.select('.gb-mo-content').call(put, 'font-size', l.vertical ? 11 : 10);
    note.call(putText, sizeNote(size(), stages().filter((st) => st.startsWith('block-')).length));
    return l;
  }

  /** What depends on the pass: the links, their names and every card's numbers. */
  function fill(l: Layout) {
    const maxNorm = Math.max(1e-9, ...d.blocks.flatMap((b) => [b.attn_norm, b.mlp_norm]));
    stagesG
      .selectAll<SVGAElement, Box>('a.gb-mo-stage')
      .call(put, 'href', (b) => href(b.stage))
      .call(put, 'aria-label', (b) => linkLabel(b.stage, d));
    facesG.selectAll<SVGGElement, Box>('g.gb-mo-face').select<SVGGElement>('.gb-mo-content').each(function (b) {
      drawStage(select(this), b.kind, b.stage, inner(b, l.vertical), d, l.vertical, maxNorm);
    });
    table.update({ v: d, size: size() });
  }

  function selectStage() {
    (sizeSelect.node() as HTMLSelectElement).value = size();
    sizeSelect.selectAll<HTMLOptionElement, SizeId>('option').attr('selected', (s) => (s === size() ? '' : null));
    const i = index();
    const current = stages()[i] ?? '';
    summary.call(putText, describe(current, d));
    const cards = stagesG.selectAll<SVGAElement, Box>('a.gb-mo-stage');
    cards
      .classed('is-selected', (b) => b.stage === current)
      .call(put, 'aria-current', (b) => (b.stage === current ? 'step' : null))
      .call(put, 'tabindex', (b) => (b.stage === current ? 0 : -1));
    const node = stagesG.select<SVGAElement>(`a[data-stage="${current}"]`).node();
    const active = root.ownerDocument.activeElement;
    if (node && active && active !== node && stagesG.node()?.contains(active)) node.focus();
  }

  /** One pass, stage by stage: each card's numbers fade in after the one before them. */
  function play() {
    tl?.kill();
    tl = null;
    const g = opts.gsap;
    if (!g || opts.reducedMotion) return;
    const faces = facesG.selectAll<SVGGElement, Box>('g.gb-mo-face').nodes();
    tl = g.timeline({ onComplete: () => void g.set(faces, { clearProps: 'opacity' }) });
    tl.fromTo(faces, { opacity: 0.15 }, { opacity: 1, duration: 0.22, stagger: 0.07, ease: 'power1.out' });
  }

  function draw() {
    const width = Math.round(opts.width ?? 1100);
    const fresh = !drawn || drawn.d !== d;
    const framed = !drawn || !lay || drawn.width !== width || drawn.size !== size();
    if (framed) lay = frame();
    if (lay && (framed || fresh)) fill(lay);
    if (fresh && drawn) play();
    drawn = { d, width, size: size() };
    selectStage();
  }

  draw();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      d = next;
      draw();
    },
    destroy() {
      tl?.kill();
      tl = null;
      unwire();
      sizeSelect.on('change', null);
      base.selectChildren().remove();
    },
  };
}
