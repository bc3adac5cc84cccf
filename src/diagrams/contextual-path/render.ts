/**
 * The contextual path: where one word's hidden state sits after each layer in two texts, on
 * the embedding cloud's PCA axes, and the cosine similarity of the two states layer by layer.
 * Given a Scene (WebGL, or the 2D canvas fallback) the two paths are also drawn in 3D with the
 * cloud's orbit view (kit/orbit/stage.ts); click a point there to ring its layer. The SVG
 * below it (PC1 across, PC2 up, and the cosine chart) is drawn with D3 joins; the table is the
 * text alternative.
 */
import { line, scaleLinear, select } from 'd3';
import type { Camera } from '../kit/orbit/camera';
import type { Scene } from '../kit/orbit/scene';
import { createStage, type Stage } from '../kit/orbit/stage';
import { leftTicks } from '../kit/ticks';
import { showToken, tail } from '../kit/tokens';
import { pathStats, type PathStats, type PathView } from './data';
import { clearedRoot } from '../kit/dom';

export interface PathOptions {
  layer: number;
  width?: number;
  camera?: Camera;
  home?: Camera;
  scene?: Scene | null;
  reducedMotion?: boolean;
  onLayer?(layer: number): void;
  onCamera?(c: Camera): void;
}

/** Both paths as one point set for the 3D view, centred and scaled to radius 1; A's layers first. */
export function pathPoints(s: PathStats): { coords: Float32Array; labels: string[] } {
  const pts = [...s.a, ...s.b];
  const c = [0, 1, 2].map((k) => pts.reduce((t, p) => t + p[k], 0) / (pts.length || 1));
  const r = Math.max(1e-9, ...pts.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2])));
  const coords = new Float32Array(pts.length * 3);
  pts.forEach((p, i) => [0, 1, 2].forEach((k) => (coords[i * 3 + k] = (p[k] - c[k]) / r)));
  const labels = [...s.a.map((_p, l) => `A${l}`), ...s.b.map((_p, l) => `B${l}`)];
  return { coords, labels };
}

const STAGE_LABEL =
  'The two paths in 3D. Arrow keys turn the view, + and − zoom, Home resets it. Click a point to ring its layer; the table below lists every number.';

export interface PathChart {
  update(data: PathView, options?: Partial<PathOptions>): void;
  destroy(): void;
}

/** Each frame of the 3D view is timed under this performance mark. */
const MARK = 'glassbox:update:contextual-path';
const H = 280; // px, each panel
const PAD = 36;
const fmt = (x: number) => x.toFixed(3);

export function render(root: HTMLElement, data: PathView, options: PathOptions): PathChart {
  let d = data;
  let opts = { ...options };
  const base = clearedRoot(root);
  const summary = base.append('p').attr('class', 'gb-cp-summary').attr('aria-live', 'polite');
  const view = base.append('div').attr('class', 'gb-cp-view');
  let stage: Stage | null = null;
  let layers = 0; // points per path, for mapping a clicked point to its layer
  const svg = base.append('svg').attr('class', 'gb-cp-chart').attr('data-export', 'svg').attr('font-size', 12);
  const plane = svg.append('g').attr('class', 'gb-cp-plane');
  const cosG = svg.append('g').attr('class', 'gb-cp-cos');
  const details = base.append('details').attr('class', 'gb-cp-table');
  details.append('summary').text('The numbers as a table');
  const table = details.append('div').attr('class', 'table-scroll').append('table');
  const caption = table.append('caption');
  table
    .append('thead')
    .append('tr')
    .selectAll('th')
    .data(['Layer', 'A: PC1', 'A: PC2', 'B: PC1', 'B: PC2', 'Cosine A·B (all dims)'])
    .join('th')
    .attr('scope', 'col')
    .text((t) => t);
  const tbody = table.append('tbody');

  function marks(s: PathStats) {
    const n = s.a.length;
    const ringed = n && s.b.length ? [opts.layer, n + opts.layer] : [];
    return { neighbours: ringed, sentence: s.a.map((_p, l) => l), second: s.b.map((_p, l) => n + l) };
  }

  function draw3d(s: PathStats, dataChanged: boolean) {
    if (!opts.scene || !opts.camera || !opts.home) return;
    const pts = pathPoints(s);
    layers = s.a.length;
    if (!stage) {
      stage = createStage(view.node() as HTMLElement, opts.scene, {
        coords: pts.coords,
        labels: pts.labels,
        initial: { camera: opts.camera, token: -1, marks: marks(s), reducedMotion: !!opts.reducedMotion },
        events: {
          onCamera: (c) => opts.onCamera?.(c),
          onSelect: (id) => {
            if (id >= 0 && layers) opts.onLayer?.(id % layers);
          },
          onHover: () => {},
        },
        home: opts.home,
        label: STAGE_LABEL,
        mark: MARK,
      });
      return;
    }
    stage.update({ marks: marks(s), ...(dataChanged ? { points: pts } : {}), ...(opts.camera ? { camera: opts.camera } : {}) });
  }

  function draw(dataChanged = false) {
    const width = Math.max(320, Math.round(opts.width ?? 720));
    const wide = width >= 640;
    const pw = wide ? (width - 24) / 2 : width;
    const height = wide ? H + 30 : 2 * H + 70;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    cosG.attr('transform', wide ? `translate(${pw + 24},0)` : `translate(0,${H + 40})`);
    const s = pathStats(d);
    draw3d(s, dataChanged);
    const found = s.a.length > 0 && s.b.length > 0;
    const word = `“${showToken(d.word)}”`;
    if (!found) {
      const missing = [d.a, d.b].filter((r) => r.at < 0).map((r) => `“${tail(r.text)}”`);
      summary.text(`${word} is not one of the tokens of ${missing.join(' or ')}; pick a word that appears in both texts.`);
    } else {
      const L = s.cos.length - 1;
      summary.text(
        `${word} in text A and in text B: the two hidden states have cosine similarity ${fmt(s.cos[0])} after embedding, ` +
          `${fmt(Math.max(...s.cos))} at most (layer ${s.cos.indexOf(Math.max(...s.cos))}) and ${fmt(s.cos[L])} after the last layer, ${L}.`,
      );
    }

    const pts = [...s.a, ...s.b];
    const ext = (k: 0 | 1) => {
      const v = pts.map((p) => p[k]);
      return v.length ? [Math.min(...v), Math.max(...v)] : [-1, 1];
    };
    const x = scaleLinear().domain(ext(0)).range([PAD, pw - 12]).nice();
    const y = scaleLinear().domain(ext(1)).range([H - PAD, 20]).nice();
    plane.selectAll('.gb-cp-frame').data([0]).join('rect').attr('class', 'gb-cp-frame').attr('x', PAD).attr('y', 20).attr('width', pw - 12 - PAD).attr('height', H - PAD - 20);
    plane.selectAll('.gb-cp-title').data([0]).join('text').attr('class', 'gb-cp-title').attr('x', PAD).attr('y', 12).text(`${word} layer by layer, on the embedding cloud’s PCA axes`);
    plane.selectAll('.gb-cp-xlabel').data([0]).join('text').attr('class', 'gb-cp-axis gb-cp-xlabel').attr('x', PAD).attr('y', H - PAD + 16).text('PC1 →');
    plane.selectAll('.gb-cp-ylabel').data([0]).join('text').attr('class', 'gb-cp-axis gb-cp-ylabel').attr('x', 4).attr('y', 30).text('PC2 ↑');
    const series = [
      { key: 'a', label: 'A', points: s.a },
      { key: 'b', label: 'B', points: s.b },
    ];
    const path = line<[number, number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]));
    const g = plane
      .selectAll<SVGGElement, (typeof series)[number]>('g.gb-cp-path')
      .data(series, (t) => t.key)
      .join((enter) => {
        const e = enter.append('g').attr('class', (t) => `gb-cp-path gb-cp-path--${t.key}`);
        e.append('path').attr('class', 'gb-cp-line');
        return e;
      });
    g.select('path').attr('d', (t) => path(t.points) ?? '');
    g.selectAll<SVGGElement, [number, number, number]>('g.gb-cp-pt')
      .data((t) => t.points)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'gb-cp-pt');
        e.append('circle');
        // A's labels above its points, B's below, so where the paths meet both stay readable.
        e.append('text').attr('dx', 6);
        return e;
      })
      .attr('data-layer', (_p, l) => l)
      .classed('is-selected', (_p, l) => l === opts.layer)
      .attr('transform', (p) => `translate(${x(p[0])},${y(p[1])})`)
      .each(function (_p, l) {
        const t = select(this.parentNode as SVGGElement).datum() as (typeof series)[number];
        select(this).select('circle').attr('r', l === opts.layer ? 6 : 3.5);
        select(this).select('text').attr('dy', t.key === 'a' ? -6 : 14).text(l === 0 || l === opts.layer || l === t.points.length - 1 ? `${t.label}${l}` : '');
      });

    const n = s.cos.length;
    const cx = scaleLinear().domain([0, Math.max(1, n - 1)]).range([PAD, pw - 12]);
    const cy = scaleLinear().domain([Math.min(0, ...s.cos), 1]).range([H - PAD, 20]).nice();
    cosG.selectAll('.gb-cp-frame').data([0]).join('rect').attr('class', 'gb-cp-frame').attr('x', PAD).attr('y', 20).attr('width', pw - 12 - PAD).attr('height', H - PAD - 20);
    cosG.selectAll('.gb-cp-title').data([0]).join('text').attr('class', 'gb-cp-title').attr('x', PAD).attr('y', 12).text('Cosine similarity of A and B, all dimensions');
    leftTicks(cosG, cy, 'gb-cp-tick gb-cp-axis', PAD);
    cosG
      .selectAll('text.gb-cp-xtick')
      .data(s.cos.map((_c, l) => l))
      .join('text')
      .attr('class', 'gb-cp-xtick gb-cp-axis')
      .attr('x', (l) => cx(l))
      .attr('y', H - PAD + 16)
      .attr('text-anchor', 'middle')
      .text((l) => (l === 0 ? 'emb' : `L${l}`));
    cosG.selectAll('path.gb-cp-cosline').data([s.cos]).join('path').attr('class', 'gb-cp-cosline').attr('d', (c) => line<number>().x((_v, l) => cx(l)).y((v) => cy(v))(c) ?? '');
    cosG
      .selectAll('circle.gb-cp-cospt')
      .data(s.cos)
      .join('circle')
      .attr('class', 'gb-cp-cospt')
      .attr('data-layer', (_c, l) => l)
      .classed('is-selected', (_c, l) => l === opts.layer)
      .attr('cx', (_c, l) => cx(l))
      .attr('cy', (c) => cy(c))
      .attr('r', (_c, l) => (l === opts.layer ? 6 : 3.5));

    caption.text(`${word} in A “${tail(d.a.text)}” and B “${tail(d.b.text)}”, after each layer`);
    tbody
      .selectAll('tr')
      .data(s.cos.map((c, l) => [l === 0 ? '0 (embedding)' : String(l), fmt(s.a[l][0]), fmt(s.a[l][1]), fmt(s.b[l][0]), fmt(s.b[l][1]), fmt(c)]))
      .join('tr')
      .selectAll('td')
      .data((r) => r)
      .join('td')
      .text((t) => t);
  }

  draw();
  return {
    update(next, nextOptions) {
      const changed = next !== d;
      d = next;
      if (nextOptions) opts = { ...opts, ...nextOptions };
      draw(changed);
    },
    destroy() {
      stage?.destroy();
      base.selectChildren().remove();
    },
  };
}
