/**
 * The interactive view around a Scene: pointer, touch, wheel and keyboard orbit; hover and click
 * picking in screen space (camera.ts, the same for WebGL and the fallback); labels as HTML over
 * the canvas (a D3 join); a fly to the selected token; and a frame only when something changed.
 * Each frame is timed as `glassbox:update:embedding-space`.
 */
import { select } from 'd3';
import { showToken } from '../tokens';
import { normalizeCamera, pick, projectAll, projector, type Camera, type Vec3 } from './camera';
import type { Marks, Scene } from './scene';

const MEASURE = 'glassbox:update:embedding-space';
const DEG_PER_PX = 0.4; // drag: degrees of orbit per CSS px
const KEY_DEG = 5; // arrow keys: degrees per press (×3 with Shift)
const ZOOM_STEP = 0.85; // + and − keys multiply the distance by this (or its inverse)
const WHEEL_RATE = 0.0015; // distance × e^(deltaY · rate)
const PICK_PX = 8; // hover and tap radius
const TAP_PX = 5; // a press that moves less than this is a click, not a drag
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

/**
 * @param vocab each point's label text (token texts for the cloud).
 * @param home the camera the Home key returns to.
 * @param label the view's accessible name, with its keys.
 */
export function createStage(
  host: HTMLElement,
  scene: Scene,
  coords: Float32Array,
  vocab: readonly string[],
  initial: StageState,
  events: StageEvents,
  home: Camera,
  label = DEFAULT_LABEL,
): Stage {
  let st = { ...initial };
  let hover = -1;
  let width = 0;
  let height = 0;
  let screen: Float32Array = new Float32Array(coords.length);
  let focal = 1;
  let viewDirty = true; // camera or size changed: reproject
  let frame = 0;
  let target: Vec3 = pointOf(st.token);
  let fly: { from: Vec3; start: number } | null = null;
  const pointers = new Map<number, { x: number; y: number }>();
  let press: { x: number; y: number; moved: number } | null = null;
  let pinch = 0;

  const stage = select(host)
    .append('div')
    .attr('class', 'gb-es-stage')
    .attr('tabindex', 0)
    .attr('role', 'application')
    .attr('aria-roledescription', '3D view')
    .attr('aria-label', label);
  const el = stage.node() as HTMLDivElement;
  el.append(scene.canvas);
  select(scene.canvas).attr('class', 'gb-es-canvas').attr('aria-hidden', 'true').attr('data-export', 'png');
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

  function resize() {
    const w = el.clientWidth;
    const h = el.clientHeight;
    if (w === width && h === height) return;
    width = w;
    height = h;
    viewDirty = true;
    request();
  }

  function draw(now: number) {
    frame = 0;
    const t0 = performance.now();
    if (fly) {
      const to = pointOf(st.token);
      const t = Math.min(1, (now - fly.start) / FLY_MS);
      const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2; // ease in-out
      target = [0, 1, 2].map((k) => fly!.from[k] + (to[k] - fly!.from[k]) * e) as Vec3;
      if (t >= 1) fly = null;
      viewDirty = true;
    }
    if (viewDirty && width > 0 && height > 0) {
      const p = projector(st.camera, target, width, height);
      focal = p.focal;
      screen = projectAll(coords, p, screen);
      viewDirty = false;
    }
    scene.draw({ camera: st.camera, target, width, height, screen, focal });
    drawLabels();
    performance.measure(MEASURE, { start: t0, end: performance.now() });
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
    viewDirty = true;
    request();
    events.onCamera(st.camera);
  }

  function setHover(id: number) {
    if (id === hover) return;
    hover = id;
    scene.setMarks(marksNow());
    request();
    events.onHover(id);
  }

  const local = (ev: PointerEvent | WheelEvent) => {
    const r = el.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  };

  const ac = new AbortController();
  const on = <K extends keyof HTMLElementEventMap>(type: K, f: (ev: HTMLElementEventMap[K]) => void, passive = true) =>
    el.addEventListener(type, f, { signal: ac.signal, passive });

  on('pointerdown', (ev) => {
    el.setPointerCapture?.(ev.pointerId);
    pointers.set(ev.pointerId, local(ev));
    press = pointers.size === 1 ? { ...local(ev), moved: 0 } : null;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = Math.hypot(a.x - b.x, a.y - b.y);
    }
  });
  on('pointermove', (ev) => {
    const p = local(ev);
    const last = pointers.get(ev.pointerId);
    if (!last) {
      if (ev.pointerType === 'mouse') setHover(pick(screen, p.x, p.y, PICK_PX));
      return;
    }
    pointers.set(ev.pointerId, p);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinch > 0 && dist > 0) setCamera({ ...st.camera, distance: (st.camera.distance * pinch) / dist });
      pinch = dist;
      return;
    }
    const dx = p.x - last.x;
    const dy = p.y - last.y;
    if (press) press.moved += Math.hypot(dx, dy);
    if (press && press.moved < TAP_PX) return;
    setCamera({ ...st.camera, yaw: st.camera.yaw - dx * DEG_PER_PX, pitch: st.camera.pitch + dy * DEG_PER_PX });
  });
  const release = (ev: PointerEvent) => {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) pinch = 0;
    if (ev.type === 'pointerup' && press && press.moved < TAP_PX) {
      const p = local(ev);
      const id = pick(screen, p.x, p.y, ev.pointerType === 'mouse' ? PICK_PX : PICK_PX * 2);
      if (id >= 0) events.onSelect(id);
    }
    press = null;
  };
  on('pointerup', release);
  on('pointercancel', release);
  on('pointerleave', (ev) => {
    if (ev.pointerType === 'mouse' && !pointers.size) setHover(-1);
  });
  // The wheel zooms only once the view has focus (click it), so scrolling the chapter never gets stuck.
  on(
    'wheel',
    (ev) => {
      if (document.activeElement !== el) return;
      ev.preventDefault();
      setCamera({ ...st.camera, distance: st.camera.distance * Math.exp(ev.deltaY * WHEEL_RATE) });
    },
    false,
  );
  on(
    'keydown',
    (ev) => {
      const step = KEY_DEG * (ev.shiftKey ? 3 : 1);
      const c = st.camera;
      const next: Record<string, () => void> = {
        ArrowLeft: () => setCamera({ ...c, yaw: c.yaw + step }),
        ArrowRight: () => setCamera({ ...c, yaw: c.yaw - step }),
        ArrowUp: () => setCamera({ ...c, pitch: c.pitch + step }),
        ArrowDown: () => setCamera({ ...c, pitch: c.pitch - step }),
        '+': () => setCamera({ ...c, distance: c.distance * ZOOM_STEP }),
        '=': () => setCamera({ ...c, distance: c.distance * ZOOM_STEP }),
        PageUp: () => setCamera({ ...c, distance: c.distance * ZOOM_STEP }),
        '-': () => setCamera({ ...c, distance: c.distance / ZOOM_STEP }),
        PageDown: () => setCamera({ ...c, distance: c.distance / ZOOM_STEP }),
        Home: () => setCamera(home),
        Escape: () => events.onSelect(-1),
        Enter: () => hover >= 0 && events.onSelect(hover),
      };
      const f = next[ev.key];
      if (!f) return;
      ev.preventDefault();
      f();
    },
    false,
  );

  const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
  ro?.observe(el);
  resize();
  request();

  return {
    element: el,
    update(next) {
      const prevToken = st.token;
      const prevMarks = st.marks;
      st = { ...st, ...next };
      if (next.camera) st.camera = normalizeCamera(next.camera);
      if (st.token !== prevToken) {
        if (st.reducedMotion) target = pointOf(st.token);
        else fly = { from: target, start: performance.now() };
      }
      if (next.points) {
        coords = next.points.coords;
        hover = -1;
        vocab = next.points.labels;
        screen = new Float32Array(coords.length);
        scene.setPoints(coords);
        target = pointOf(st.token);
      }
      if (next.points || st.token !== prevToken || st.marks !== prevMarks) scene.setMarks(marksNow());
      viewDirty = true;
      request();
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
