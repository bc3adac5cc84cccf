/**
 * The WebGL backend: every vocabulary row as one instance of a small icosahedron (one draw call),
 * the reader's sentence as a line through its tokens, and two single meshes for the selected
 * and hovered points so hovering uploads nothing. It draws only when the stage asks (dirty).
 */
import {
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  IcosahedronGeometry,
  InstancedMesh,
  Line,
  LineBasicMaterial,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene as ThreeScene,
  WebGLRenderer,
} from 'three';
import { FOV, eye } from './camera';
import { POINT_RADIUS, type Frame, type Marks, type Palette, type Scene } from './scene';

/** Highlighted points are drawn this many times larger than plain ones. */
const BIG = 1.9;
const HUGE = 2.8;

export function createThreeScene(pal: Palette): Scene {
  const canvas = document.createElement('canvas');
  // preserveDrawingBuffer: "Download image" and tests read the pixels after the frame.
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
  renderer.setClearColor(new Color(pal.bg), 1);
  const scene = new ThreeScene();
  const camera = new PerspectiveCamera(FOV, 1, 0.01, 100);
  const geometry = new IcosahedronGeometry(POINT_RADIUS, 0);
  const base = new Color(pal.point);
  const colours = { neighbour: new Color(pal.neighbour), sentence: new Color(pal.sentence), second: new Color(pal.second) };
  let mesh: InstancedMesh | null = null;
  let coords: Float32Array = new Float32Array(0);
  let marked = new Map<number, { colour: Color; scale: number }>();
  const m4 = new Matrix4();

  const marker = (colour: string, scale: number) => {
    const m = new Mesh(new IcosahedronGeometry(POINT_RADIUS * scale, 1), new MeshBasicMaterial({ color: new Color(colour) }));
    m.visible = false;
    scene.add(m);
    return m;
  };
  const selected = marker(pal.selected, HUGE);
  const hover = marker(pal.hover, HUGE);
  const path = new Line(new BufferGeometry(), new LineBasicMaterial({ color: colours.sentence }));
  const path2 = new Line(new BufferGeometry(), new LineBasicMaterial({ color: colours.second }));
  scene.add(path, path2);

  function setPath(line: Line, ids: readonly number[]) {
    const pts = ids.flatMap((id) => (id * 3 < coords.length ? [coords[id * 3], coords[id * 3 + 1], coords[id * 3 + 2]] : []));
    line.geometry.dispose();
    line.geometry = new BufferGeometry();
    line.geometry.setAttribute('position', new Float32BufferAttribute(pts, 3));
    line.visible = pts.length >= 6;
  }

  function place(i: number, scale: number) {
    m4.makeScale(scale, scale, scale).setPosition(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]);
    mesh!.setMatrixAt(i, m4);
  }

  function showAt(m: Mesh, i: number) {
    m.visible = i >= 0 && i * 3 < coords.length;
    if (m.visible) m.position.set(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]);
  }

  return {
    kind: 'webgl',
    canvas,
    setPoints(c) {
      coords = c;
      const n = c.length / 3;
      if (mesh) {
        scene.remove(mesh);
        mesh.dispose();
      }
      mesh = new InstancedMesh(geometry, new MeshBasicMaterial(), n);
      for (let i = 0; i < n; i++) {
        place(i, 1);
        mesh.setColorAt(i, base);
      }
      scene.add(mesh);
      marked = new Map();
    },
    setMarks(marks: Marks) {
      showAt(selected, marks.selected);
      showAt(hover, marks.hover);
      if (!mesh) return;
      const next = new Map<number, { colour: Color; scale: number }>();
      for (const id of marks.sentence) next.set(id, { colour: colours.sentence, scale: BIG });
      for (const id of marks.second ?? []) next.set(id, { colour: colours.second, scale: BIG });
      for (const id of marks.neighbours) next.set(id, { colour: colours.neighbour, scale: BIG });
      // Only the instances whose look changed are rewritten; the upload is the whole buffer, but
      // this runs on selection and text changes, not on hover.
      let changed = false;
      for (const id of marked.keys()) {
        if (next.has(id)) continue;
        place(id, 1);
        mesh.setColorAt(id, base);
        changed = true;
      }
      for (const [id, look] of next) {
        const was = marked.get(id);
        if (was && was.colour === look.colour && was.scale === look.scale) continue;
        place(id, look.scale);
        mesh.setColorAt(id, look.colour);
        changed = true;
      }
      marked = next;
      if (changed) {
        mesh.instanceMatrix.needsUpdate = true;
        if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      }
      setPath(path, marks.sentence);
      setPath(path2, marks.second ?? []);
    },
    draw(f: Frame) {
      const w = Math.max(1, Math.round(f.width));
      const h = Math.max(1, Math.round(f.height));
      if (canvas.width !== Math.round(w * renderer.getPixelRatio()) || canvas.height !== Math.round(h * renderer.getPixelRatio())) {
        renderer.setSize(w, h, false);
      }
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      const e = eye(f.camera, f.target);
      camera.position.set(e[0], e[1], e[2]);
      camera.up.set(0, 1, 0);
      camera.lookAt(f.target[0], f.target[1], f.target[2]);
      renderer.render(scene, camera);
    },
    destroy() {
      mesh?.dispose();
      geometry.dispose();
      path.geometry.dispose();
      path2.geometry.dispose();
      renderer.dispose();
      renderer.forceContextLoss();
    },
  };
}
