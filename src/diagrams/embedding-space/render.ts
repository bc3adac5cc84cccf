/**
 * The embedding-space diagram: the 3D view (kit/orbit/stage.ts over a Scene, when one is given) plus its
 * text parts, drawn with D3 joins: a one-line summary, the hover read-out, the selected token's
 * ten nearest neighbours (buttons), the reader's sentence (buttons, ← → move between tokens)
 * and the text alternative, a table of both. Without a scene (build time, jsdom) only the text
 * parts are drawn.
 */
import { showToken } from '../kit/tokens';
import type { Camera } from '../kit/orbit/camera';
import type { NeighbourRow, Projection, SentenceToken } from '../kit/orbit/cloud';
import type { Scene } from '../kit/orbit/scene';
import { createStage, type Stage } from '../kit/orbit/stage';
import { clearedRoot, liveLine } from '../kit/dom';

export interface EmbeddingView {
  model: { id: string; version: string };
  vocab: readonly string[];
  matrix: { rows: number; dims: number };
  /** [rows][3] drawn coordinates; null when no cloud is drawn. */
  coords: Float32Array | null;
  projection: Projection;
  /** Selected token id, −1 for none. */
  token: number;
  neighbours: NeighbourRow[];
  sentence: SentenceToken[];
}

export interface EmbeddingOptions {
  camera: Camera;
  /** The default camera, for the Home key. */
  home: Camera;
  scene?: Scene | null;
  reducedMotion?: boolean;
  onSelect?(id: number): void;
  onCamera?(c: Camera): void;
}

export interface EmbeddingChart {
  update(data: EmbeddingView, options?: Partial<EmbeddingOptions>): void;
  destroy(): void;
}

/** Each frame of the 3D view is timed under this performance mark. */
const MARK = 'glassbox:update:embedding-space';
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (n: number) => n.toLocaleString('en-US');
const quoted = (t: string) => `“${showToken(t)}”`;

export function summarize(d: EmbeddingView): string {
  const axes = d.projection.explainedVarianceRatio.map(pct).join(', ');
  const cloud =
    `${fmt(d.matrix.rows)} tokens of ${d.model.id}'s embedding matrix, ${fmt(d.matrix.dims)} numbers each, ` +
    (axes ? `projected to 3D by PCA (the axes keep ${axes} of the variance).` : 'projected to 3D by PCA.');
  if (d.token < 0) return `${cloud} No token selected.`;
  const top = d.neighbours[0];
  return (
    `${cloud} Selected ${quoted(d.vocab[d.token] ?? '')} (id ${d.token})` +
    (top ? `; its nearest neighbour by cosine is ${quoted(top.text)} (${top.cosine.toFixed(3)}).` : '.')
  );
}

export function render(root: HTMLElement, data: EmbeddingView, options: EmbeddingOptions): EmbeddingChart {
  let d = data;
  let opts = { ...options };
  const base = clearedRoot(root);
  const view = base.append('div').attr('class', 'gb-es-view');
  const summary = liveLine(base, 'gb-es-summary');
  const readout = base.append('p').attr('class', 'gb-es-readout');
  const near = base.append('div').attr('class', 'gb-es-near');
  const nearTitle = near.append('p').attr('class', 'gb-es-near-title');
  const nearList = near.append('ol').attr('class', 'gb-es-neighbours');
  const sent = base.append('div').attr('class', 'gb-es-sentence');
  sent.append('p').attr('class', 'gb-es-near-title').text('Your sentence, token by token (pick one to select it):');
  const sentList = sent.append('ol').attr('class', 'gb-es-tokens').attr('aria-label', 'Your sentence’s tokens');
  const details = base.append('details').attr('class', 'gb-es-table');
  details.append('summary').text('The numbers as a table');
  const tables = details.append('div').attr('class', 'table-scroll');

  let stage: Stage | null = null;
  if (opts.scene && d.coords) {
    stage = createStage(view.node() as HTMLElement, opts.scene, {
      coords: d.coords,
      labels: d.vocab,
      initial: { camera: opts.camera, token: d.token, marks: marksOf(d), reducedMotion: !!opts.reducedMotion },
      events: {
        onCamera: (c) => opts.onCamera?.(c),
        onSelect: (id) => opts.onSelect?.(id),
        onHover: (id) => readout.text(id >= 0 ? `Pointing at ${quoted(d.vocab[id] ?? '')} (id ${id}). Click to select it.` : ''),
      },
      home: opts.home,
      mark: MARK,
    });
  }

  sentList.on('keydown', (ev: KeyboardEvent) => {
    const btns = [...sentList.node()!.querySelectorAll<HTMLButtonElement>('button')];
    const i = btns.indexOf(document.activeElement as HTMLButtonElement);
    const j = ev.key === 'ArrowRight' ? i + 1 : ev.key === 'ArrowLeft' ? i - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? btns.length - 1 : NaN;
    if (i < 0 || Number.isNaN(j)) return;
    ev.preventDefault();
    const b = btns[Math.max(0, Math.min(btns.length - 1, j))];
    b.focus();
    b.click();
  });

  function marksOf(v: EmbeddingView) {
    return { neighbours: v.neighbours.map((n) => n.id), sentence: v.sentence.map((t) => t.id) };
  }

  function draw() {
    summary.text(summarize(d));
    nearTitle.text(
      d.token < 0
        ? 'Click a point, search a token or pick one of your sentence to list its nearest neighbours.'
        : `The 10 nearest neighbours of ${quoted(d.vocab[d.token] ?? '')} by cosine similarity in all ${d.matrix.dims} dimensions:`,
    );
    nearList
      .selectAll<HTMLLIElement, NeighbourRow>('li')
      .data(d.neighbours, (n) => String(n.id))
      .join((enter) => {
        const li = enter.append('li');
        li.append('button').attr('type', 'button');
        return li;
      })
      .order()
      .select('button')
      .attr('data-token-id', (n) => n.id)
      .text((n) => `${showToken(n.text)} · ${n.cosine.toFixed(3)}`)
      .on('click', (_ev, n) => opts.onSelect?.(n.id));
    sent.attr('hidden', d.sentence.length ? null : '');
    sentList
      .selectAll<HTMLLIElement, SentenceToken>('li')
      .data(d.sentence)
      .join((enter) => {
        const li = enter.append('li');
        li.append('button').attr('type', 'button');
        return li;
      })
      .select('button')
      .attr('data-token', (t) => t.index + 1)
      .attr('data-token-id', (t) => t.id)
      .attr('aria-pressed', (t) => String(t.id === d.token))
      .text((t) => showToken(t.text))
      .on('click', (_ev, t) => opts.onSelect?.(t.id));
    drawTables();
  }

  function table(caption: string, head: string[], rows: string[][]) {
    const t = tables.append('table');
    t.append('caption').text(caption);
    t.append('thead')
      .append('tr')
      .selectAll('th')
      .data(head)
      .join('th')
      .attr('scope', 'col')
      .text((h) => h);
    t.append('tbody')
      .selectAll('tr')
      .data(rows)
      .join('tr')
      .selectAll('td')
      .data((r) => r)
      .join('td')
      .text((c) => c);
  }

  function drawTables() {
    tables.selectChildren().remove();
    const v = d.projection.explainedVarianceRatio;
    if (v.length) table('How much of the variance each drawn axis keeps', ['Axis', 'Explained variance'], v.map((x, i) => [`PC${i + 1}`, pct(x)]));
    if (d.token >= 0) {
      table(
        `Nearest neighbours of ${quoted(d.vocab[d.token] ?? '')} (id ${d.token}) by cosine similarity`,
        ['Rank', 'Token', 'Id', 'Cosine'],
        d.neighbours.map((n, i) => [String(i + 1), showToken(n.text), String(n.id), n.cosine.toFixed(6)]),
      );
    }
    if (d.sentence.length) {
      const c = d.coords;
      const at = (id: number, k: number) => (c ? c[id * 3 + k].toFixed(3) : '–');
      table(
        'Your sentence’s tokens and where each is drawn',
        ['#', 'Token', 'Id', 'x (PC1)', 'y (PC2)', 'z (PC3)'],
        d.sentence.map((t) => [String(t.index + 1), showToken(t.text), String(t.id), at(t.id, 0), at(t.id, 1), at(t.id, 2)]),
      );
    }
  }

  draw();
  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const marksChanged = next.neighbours !== d.neighbours || next.sentence !== d.sentence;
      d = next;
      draw();
      stage?.update({
        token: d.token,
        reducedMotion: !!opts.reducedMotion,
        ...(nextOptions?.camera ? { camera: nextOptions.camera } : {}),
        ...(marksChanged ? { marks: marksOf(d) } : {}),
      });
    },
    destroy() {
      stage?.destroy();
      sentList.on('keydown', null);
      base.selectChildren().remove();
    },
  };
}

