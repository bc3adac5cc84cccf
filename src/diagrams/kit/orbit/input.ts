/**
 * Pointer, touch, wheel and keyboard input for an orbit view, turned into camera moves, hovers
 * and picks. The stage (stage.ts) owns the camera and the projected points; this file only
 * interprets gestures, so the WebGL view and the 2D fallback answer the reader identically.
 */
import { pick, type Camera } from './camera';

const DEG_PER_PX = 0.4; // drag: degrees of orbit per CSS px
const KEY_DEG = 5; // arrow keys: degrees per press (×3 with Shift)
const ZOOM_STEP = 0.85; // + and − keys multiply the distance by this (or its inverse)
const WHEEL_RATE = 0.0015; // distance × e^(deltaY · rate), deltaY in CSS px
const PICK_PX = 8; // hover and mouse-click radius, CSS px (touch: twice this)
const TAP_PX = 5; // a press that moves less than this many CSS px is a click, not a drag

export interface OrbitInput {
  /** The camera now. */
  camera(): Camera;
  /** [n][3] screen x, y (CSS px) and depth of every point, as last projected. */
  screen(): Float32Array;
  /** The point under the mouse, −1 for none. */
  hovered(): number;
  setCamera(c: Camera): void;
  setHover(id: number): void;
  select(id: number): void;
  /** The camera the Home key returns to. */
  home: Camera;
}

/** Wire `el` until `signal` aborts. */
export function wireOrbitInput(el: HTMLElement, io: OrbitInput, signal: AbortSignal): void {
  const pointers = new Map<number, { x: number; y: number }>();
  let press: { x: number; y: number; moved: number } | null = null;
  let pinch = 0;

  const on = <K extends keyof HTMLElementEventMap>(type: K, f: (ev: HTMLElementEventMap[K]) => void, passive = true) =>
    el.addEventListener(type, f, { signal, passive });
  const local = (ev: PointerEvent | WheelEvent) => {
    const r = el.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  };

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
      if (ev.pointerType === 'mouse') io.setHover(pick(io.screen(), p.x, p.y, PICK_PX));
      return;
    }
    pointers.set(ev.pointerId, p);
    const c = io.camera();
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinch > 0 && dist > 0) io.setCamera({ ...c, distance: (c.distance * pinch) / dist });
      pinch = dist;
      return;
    }
    const dx = p.x - last.x;
    const dy = p.y - last.y;
    if (press) press.moved += Math.hypot(dx, dy);
    if (press && press.moved < TAP_PX) return;
    io.setCamera({ ...c, yaw: c.yaw - dx * DEG_PER_PX, pitch: c.pitch + dy * DEG_PER_PX });
  });
  const release = (ev: PointerEvent) => {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) pinch = 0;
    if (ev.type === 'pointerup' && press && press.moved < TAP_PX) {
      const p = local(ev);
      const id = pick(io.screen(), p.x, p.y, ev.pointerType === 'mouse' ? PICK_PX : PICK_PX * 2);
      if (id >= 0) io.select(id);
    }
    press = null;
  };
  on('pointerup', release);
  on('pointercancel', release);
  on('pointerleave', (ev) => {
    if (ev.pointerType === 'mouse' && !pointers.size) io.setHover(-1);
  });
  // The wheel zooms only once the view has focus (click it), so scrolling the chapter never gets stuck.
  on(
    'wheel',
    (ev) => {
      if (document.activeElement !== el) return;
      ev.preventDefault();
      const c = io.camera();
      io.setCamera({ ...c, distance: c.distance * Math.exp(ev.deltaY * WHEEL_RATE) });
    },
    false,
  );
  on(
    'keydown',
    (ev) => {
      const step = KEY_DEG * (ev.shiftKey ? 3 : 1);
      const c = io.camera();
      const closer = () => io.setCamera({ ...c, distance: c.distance * ZOOM_STEP });
      const further = () => io.setCamera({ ...c, distance: c.distance / ZOOM_STEP });
      const keys: Record<string, () => void> = {
        ArrowLeft: () => io.setCamera({ ...c, yaw: c.yaw + step }),
        ArrowRight: () => io.setCamera({ ...c, yaw: c.yaw - step }),
        ArrowUp: () => io.setCamera({ ...c, pitch: c.pitch + step }),
        ArrowDown: () => io.setCamera({ ...c, pitch: c.pitch - step }),
        '+': closer,
        '=': closer,
        PageUp: closer,
        '-': further,
        PageDown: further,
        Home: () => io.setCamera(io.home),
        Escape: () => io.select(-1),
        Enter: () => io.hovered() >= 0 && io.select(io.hovered()),
      };
      const f = keys[ev.key];
      if (!f) return;
      ev.preventDefault();
      f();
    },
    false,
  );
}
