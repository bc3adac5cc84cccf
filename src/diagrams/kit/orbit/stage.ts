/**
 * The interactive view around a Scene: orbit input (input.ts), hover and click picking in screen
 * space (camera.ts, the same for WebGL and the fallback), labels as HTML over the canvas (a D3
 * join), a fly to the selected token, and a frame only when something drawn changed: the scene
 * (and with it Three.js) renders only when dirty. Each frame is timed as `mark`.
 */
import { select } from 'd3';
import { markPngExport } from '../export';
import { showToken } from '../tokens';
import { normalizeCamera, projectAll, projector, type Camera, type Vec3 } from './camera';
import { wireOrbitInput } from './input';
import type { Marks, Scene } from './scene';

const FLY_MS = 600;
/** The reader's sentence gets labels up to this many tokens; all are in the data table. */
const MAX_SENTENCE_LABELS = 24;

export interface StageState {
  camera: Camera;
  /** Selected token id, −1 for none; the camera orbits its point. */
  token: number;
  marks: Omit<Marks, 'hover' | 'selected'>;
  reducedMotion: boolean;
}

export interface StageEvents {
  onCamera(c: Camera): void;
  onSelect(id: number): void;
  onHover(id: number): void;
}

export interface StageOptions {
  /** [n][3] drawn coordinates of the points. */
  coords: Float32Array;
  /** Each point's label text (token texts for the cloud). */
  labels: readonly string[];
  initial: StageState;
  events: StageEvents;
  /** The camera the Home key returns to. */
  home: Camera;
  /** The view's accessible name, with its keys. */
  label?: string;
  /** The performance mark each frame is measured under: `glassbox:update:<diagram id>`. */
  mark: string;
}

export interface Stage {
  /** New state; `points` replaces the drawn points and their labels (contextual-path's new text). */
  update(next: Partial<StageState> & { points?: { coords: Float32Array; labels: readonly string[] } }): void;
  readonly element: HTMLElement;
  destroy(): void;
}

type Label = { key: string; id: number; kind: 'hover' | 'selected' | 'neighbour' | 'sentence' | 'second' };

const DEFAULT_LABEL =
  'Embedding space. Arrow keys turn the view, + and − zoom, Home resets it, Escape clears the selection. ' +
  'The selected token’s neighbours are listed below.';

const sameCamera = (a: Camera, b: Camera) => a.yaw === b.yaw && a.pitch === b.pitch && a.distance === b.distance;
const sameIds = (a: readonly number[] = [], b: readonly number[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameMarks = (a: StageState['marks'], b: StageState['marks']) =>
  a === b || (sameIds(a.neighbours, b.neighbours) && sameIds(a.sentence, b.sentence) && sameIds(a.second, b.second));

export function createStage(host: HTMLElement, scene: Scene, o: StageOptions): Stage {
  let coords = o.coords;
  let vocab = o.labels;
  let st = { ...o.initial, camera: normalizeCamera(o.initial.camera) };
  let hover = -1;
  let width = 0;
  let height = 0;
  let screen: Float32Array = new Float32Array(coords.length);
  let focal = 1;
  let viewDirty = true; // camera, target or size changed: reproject
  let sceneDirty = true; // anything the scene draws changed: render it
  let frame = 0;
  let target: Vec3 = pointOf(st.token);
  let fly: { from: Vec3; start: number } | null = null;

  const stage = select(host)
    .append('div')
    .attr('class', 'gb-es-stage')
    .attr('tabindex', 0)
    .attr('role', 'application')
    .attr('aria-roledescription', '3D view')
    .attr('aria-label', o.label ?? DEFAULT_LABEL);
  const el = stage.node() as HTMLDivElement;
  el.append(scene.canvas);
  select(scene.canvas).attr('class', 'gb-es-canvas').attr('aria-hidden', 'true');
  markPngExport(scene.canvas);
  const labels = stage.append('div').attr('class', 'gb-es-labels').attr('aria-hidden', 'true');
  scene.setPoints(coords);
  scene.setMarks(marksNow());

  function pointOf(id: number): Vec3 {
    return id >= 0 && id * 3 < coords.length ? [coords[id * 3], coords[id * 3 + 1], coords[id * 3 + 2]] : [0, 0, 0];
  }

  function marksNow(): Marks {
    return { ...st.marks, selected: st.token, hover };
  }

  function request() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function reproject() {
    viewDirty = true;
    sceneDirty = true;
    request();
  }

  function resize() {
    const w = el.clientWidth;
    const h = el.clientHeight;
    if (w === width && h === height) return;
    width = w;
    height = h;
    reproject();
  }

  function draw(now: number) {
    frame = 0;
    const t0 = performance.now();
    if (fly) {
      const to = pointOf(st.token);
      const t = Math.min(1, (now - fly.start) / FLY_MS);
      const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2; // ease in-out
      const from = fly.from;
      target = [0, 1, 2].map((k) => from[k] + (to[k] - from[k]) * e) as Vec3;
      if (t >= 1) fly = null;
      viewDirty = sceneDirty = true;
    }
    if (viewDirty && width > 0 && height > 0) {
      const p = projector(st.camera, target, width, height);
      focal = p.focal;
      screen = projectAll(coords, p, screen);
      viewDirty = false;
    }
    if (sceneDirty) scene.draw({ camera: st.camera, target, width, height, screen, focal });
    sceneDirty = false;
    drawLabels();
    performance.measure(o.mark, { start: t0, end: performance.now() });
    if (fly) request();
  }

  function drawLabels() {
    const list: Label[] = [];
    // A point gets one label: a neighbour's (or the selection's) wins over its path label.
    const own = new Set([...st.marks.neighbours, st.token]);
    const sentence = [...new Set(st.marks.sentence)].filter((id) => !own.has(id)).slice(0, MAX_SENTENCE_LABELS);
    sentence.forEach((id) => list.push({ key: `s${id}`, id, kind: 'sentence' }));
    (st.marks.second ?? []).filter((id) => !own.has(id)).slice(0, MAX_SENTENCE_LABELS).forEach((id) => list.push({ key: `b${id}`, id, kind: 'second' }));
    st.marks.neighbours.forEach((id) => list.push({ key: `n${id}`, id, kind: 'neighbour' }));
    if (st.token >= 0) list.push({ key: `t${st.token}`, id: st.token, kind: 'selected' });
    if (hover >= 0) list.push({ key: 'hover', id: hover, kind: 'hover' });
    const shown = list.filter((l) => {
      const z = screen[l.id * 3 + 2];
      const x = screen[l.id * 3];
      const y = screen[l.id * 3 + 1];
      return z > 0.01 && x >= 0 && x <= width && y >= 0 && y <= height;
    });
    labels
      .selectAll<HTMLSpanElement, Label>('span')
      .data(shown, (l) => l.key)
      .join('span')
      .attr('class', (l) => `gb-es-label gb-es-label--${l.kind}`)
      .attr('data-token-id', (l) => l.id)
      .style('transform', (l) => `translate(${Math.round(screen[l.id * 3] + 6)}px, ${Math.round(screen[l.id * 3 + 1] - 8)}px)`)
      .text((l) => showToken(vocab[l.id] ?? ''));
  }

  function setCamera(c: Camera) {
    st.camera = normalizeCamera(c);
    reproject();
    o.events.onCamera(st.camera);
  }

  function setHover(id: number) {
    if (id === hover) return;
    hover = id;
    scene.setMarks(marksNow());
    sceneDirty = true;
    request();
    o.events.onHover(id);
  }

  const ac = new AbortController();
  wireOrbitInput(
    el,
    {
      camera: () => st.camera,
      screen: () => screen,
      hovered: () => hover,
      setCamera,
      setHover,
      select: (id) => o.events.onSelect(id),
      home: o.home,
    },
    ac.signal,
  );

  const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
  ro?.observe(el);
  resize();
  request();

  return {
    element: el,
    update(next) {
      const prev = st;
      st = { ...st, ...next, camera: next.camera ? normalizeCamera(next.camera) : st.camera };
      let moved = !sameCamera(prev.camera, st.camera);
      if (st.token !== prev.token) {
        if (st.reducedMotion) target = pointOf(st.token);
        else fly = { from: target, start: performance.now() };
        moved = true;
      }
      if (next.points) {
        coords = next.points.coords;
        hover = -1;
        vocab = next.points.labels;
        screen = new Float32Array(coords.length);
        scene.setPoints(coords);
        target = pointOf(st.token);
        moved = true;
      }
      const marked = !!next.points || st.token !== prev.token || !sameMarks(st.marks, prev.marks);
      if (marked) scene.setMarks(marksNow());
      if (moved) reproject();
      else if (marked) {
        sceneDirty = true;
        request();
      }
    },
    destroy() {
      ac.abort();
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
      scene.destroy();
      stage.remove();
    },
  };
}
