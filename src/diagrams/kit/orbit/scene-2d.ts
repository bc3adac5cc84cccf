/**
 * The no-WebGL fallback: the same camera's projection (camera.ts), drawn flat on a Canvas 2D.
 * The stage hands it the projected screen positions it already computed for picking, so the
 * fallback turns, zooms and picks exactly like the 3D view, only without depth shading.
 */
import { POINT_RADIUS, type Frame, type Marks, type Palette, type Scene } from './scene';

export function createCanvasScene(pal: Palette): Scene {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  let marks: Marks = { selected: -1, hover: -1, neighbours: [], sentence: [] };

  return {
    kind: '2d',
    canvas,
    setPoints() {
      // Positions arrive already projected in each frame.
    },
    setMarks(m) {
      marks = m;
    },
    draw(f: Frame) {
      if (!ctx) return;
      const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
      const w = Math.max(1, Math.round(f.width * ratio));
      const h = Math.max(1, Math.round(f.height * ratio));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = pal.bg;
      ctx.fillRect(0, 0, f.width, f.height);
      const s = f.screen;
      const r = (i: number, k: number) => Math.max(0.75, (k * POINT_RADIUS * f.focal) / s[i * 3 + 2]);
      const inFront = (i: number) => i >= 0 && i * 3 < s.length && s[i * 3 + 2] > 0.01;

      ctx.fillStyle = pal.point;
      for (let i = 0, n = s.length / 3; i < n; i++) {
        if (!inFront(i)) continue;
        const rr = r(i, 1);
        ctx.fillRect(s[i * 3] - rr, s[i * 3 + 1] - rr, 2 * rr, 2 * rr);
      }
      const dot = (i: number, colour: string, k: number) => {
        if (!inFront(i)) return;
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(s[i * 3], s[i * 3 + 1], r(i, k), 0, 2 * Math.PI);
        ctx.fill();
      };
      const line = (ids: readonly number[], colour: string) => {
        const path = ids.filter(inFront);
        if (path.length < 2) return;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1;
        ctx.beginPath();
        path.forEach((i, j) => (j ? ctx.lineTo(s[i * 3], s[i * 3 + 1]) : ctx.moveTo(s[i * 3], s[i * 3 + 1])));
        ctx.stroke();
      };
      line(marks.sentence, pal.sentence);
      line(marks.second ?? [], pal.second);
      marks.sentence.forEach((i) => dot(i, pal.sentence, 1.9));
      (marks.second ?? []).forEach((i) => dot(i, pal.second, 1.9));
      marks.neighbours.forEach((i) => dot(i, pal.neighbour, 1.9));
      dot(marks.selected, pal.selected, 2.8);
      dot(marks.hover, pal.hover, 2.8);
    },
    destroy() {
      canvas.width = 0;
    },
  };
}
