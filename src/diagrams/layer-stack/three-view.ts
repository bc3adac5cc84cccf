/**
 * The layer stack in 3D (three.js, loaded only by this module, itself loaded only with WebGL):
 * one translucent slab per block, the embedding plate under them, and every token as a column
 * of markers rising through the stack (they flow up once when a text arrives; reduced motion
 * places them at once). Beside the stack, for the selected token, three bars per layer on one
 * scale: the stream entering the block (grey), what attention adds (blue), what the MLP adds
 * (orange). Hover a slab or its bars for the numbers; click it, or tap it again, to open that
 * layer's heads in the attention chapter. It renders only when something changed: no loop
 * runs while the view is still. The token list, read-out, links and table are in view.ts.
 */
import * as THREE from 'three';
import type { Contribution } from '../kit/layers/contributions';
import { chrome, clampIndex, COLORS, type StackChart, type StackOptions, type StackView } from './view';
import { clearedRoot } from '../kit/dom';

const GAP = 1; // world units between layers
const STACK_W = 6; // world units the tokens spread over, whatever their number
const BAR_MAX = 3.2; // world units of the longest bar
const HEIGHT = 380; // CSS px of the canvas
const FLOW_MS = 900;
const SLAB = 0xc9ced6;

type Obj = THREE.Object3D & { userData: { layer?: number } };

function label(text: string, color: string): THREE.Sprite {
  const c = document.createElement('canvas');
  c.width = 256;
  c.height = 64;
  const g = c.getContext('2d') as CanvasRenderingContext2D;
  g.fillStyle = color;
  g.font = '600 36px system-ui, sans-serif';
  g.textBaseline = 'middle';
  g.fillText(text, 4, 32);
  const tex = new THREE.CanvasTexture(c);
  const s = new THREE.Sprite(new THREE.SpriteMaterial({ map: tex, transparent: true, depthTest: false }));
  s.scale.set(1.6, 0.4, 1);
  return s;
}

function dispose(o: THREE.Object3D) {
  o.traverse((n) => {
    const m = n as THREE.Mesh;
    m.geometry?.dispose();
    const mat = m.material as THREE.Material | THREE.Material[] | undefined;
    for (const x of Array.isArray(mat) ? mat : mat ? [mat] : []) {
      (x as THREE.SpriteMaterial).map?.dispose();
      x.dispose();
    }
  });
}

export function render(root: HTMLElement, data: StackView, options: StackOptions = {}): StackChart {
  let opts = { ...options };
  let d = data;
  const base = clearedRoot(root);
  const parts = chrome(base, () => opts);
  const renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  const canvas = renderer.domElement;
  canvas.classList.add('gb-ls-canvas');
  canvas.dataset.export = 'png';
  canvas.setAttribute('role', 'img');
  parts.stage.node()?.append(canvas);
  const scene = new THREE.Scene();
  scene.add(new THREE.HemisphereLight(0xffffff, 0x667788, 2.2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.2);
  sun.position.set(3, 8, 6);
  scene.add(sun);
  const camera = new THREE.PerspectiveCamera(35, 1, 0.1, 100);
  let world = new THREE.Group();
  scene.add(world);
  let slabs: THREE.Mesh[] = [];
  let bars: THREE.Mesh[][] = [];
  let markers: THREE.InstancedMesh | null = null;
  const pickable: Obj[] = [];
  const raycaster = new THREE.Raycaster();
  const pointer = new THREE.Vector2();
  let token = 0;
  let layer = 0;
  let flow = 1; // 0..1, how far the tokens have risen
  let frame = 0;
  let width = 0;
  let built = false;
  let shownToken = -1;
  const color = new THREE.Color();
  const matrix = new THREE.Matrix4();

  const L = () => d.contributions[0]?.length ?? 0;
  const xOf = (t: number) => -STACK_W / 2 + (t + 0.5) * (STACK_W / Math.max(1, d.tokens.length));

  function build() {
    scene.remove(world);
    dispose(world);
    world = new THREE.Group();
    scene.add(world);
    pickable.length = 0;
    const n = L();
    const T = d.tokens.length;
    const text = getComputedStyle(root).color || '#222';
    const plate = new THREE.Mesh(new THREE.BoxGeometry(STACK_W + 0.6, 0.06, 1.2), new THREE.MeshLambertMaterial({ color: COLORS.resid }));
    plate.position.y = -0.05;
    world.add(plate);
    const embed = label('embedding', text);
    embed.position.set(-STACK_W / 2 - 1.3, 0, 0);
    world.add(embed);
    slabs = Array.from({ length: n }, (_, l) => {
      const m = new THREE.Mesh(
        new THREE.BoxGeometry(STACK_W + 0.6, 0.1, 1.2),
        new THREE.MeshLambertMaterial({ color: SLAB, transparent: true, opacity: 0.45 }),
      );
      m.position.y = (l + 1) * GAP;
      m.userData.layer = l;
      world.add(m);
      pickable.push(m);
      const s = label(`layer ${l + 1}`, text);
      s.position.set(-STACK_W / 2 - 1.3, (l + 1) * GAP, 0);
      world.add(s);
      return m;
    });
    bars = Array.from({ length: n }, (_, l) =>
      (['resid', 'attn', 'mlp'] as const).map((k, j) => {
        const m = new THREE.Mesh(new THREE.BoxGeometry(1, 0.14, 0.22), new THREE.MeshLambertMaterial({ color: COLORS[k] }));
        m.position.set(0, (l + 1) * GAP - 0.2 + j * 0.17, 0);
        m.userData.layer = l;
        world.add(m);
        pickable.push(m);
        return m;
      }),
    );
    // Vertical lines: each token's path up the stack.
    const pts: number[] = [];
    for (let t = 0; t < T; t++) pts.push(xOf(t), 0, 0, xOf(t), n * GAP, 0);
    const lines = new THREE.LineSegments(
      new THREE.BufferGeometry().setAttribute('position', new THREE.Float32BufferAttribute(pts, 3)),
      new THREE.LineBasicMaterial({ color: COLORS.resid, transparent: true, opacity: 0.6 }),
    );
    world.add(lines);
    const size = Math.min(0.28, (STACK_W / Math.max(1, T)) * 0.7);
    markers = T ? new THREE.InstancedMesh(new THREE.BoxGeometry(size, size, size), new THREE.MeshLambertMaterial(), T * (n + 1)) : null;
    if (markers) world.add(markers);
    const top = n * GAP;
    // Framed so the whole stack, its labels and the longest bars fit at the canvas's aspect.
    camera.position.set(2, top * 0.5 + 3, 12.5);
    camera.lookAt(0.9, top * 0.5 - 0.1, 0);
  }

  /** Marker instance i = level × T + token; level 0 is the embedding plate. */
  function placeMarkers() {
    if (!markers) return;
    const T = d.tokens.length;
    const top = L() * GAP;
    for (let lv = 0; lv <= L(); lv++) {
      for (let t = 0; t < T; t++) {
        const yFinal = lv * GAP + 0.12;
        const y = Math.min(yFinal, flow * (top + 0.12));
        matrix.makeTranslation(xOf(t), y, 0);
        markers.setMatrixAt(lv * T + t, matrix);
      }
    }
    markers.instanceMatrix.needsUpdate = true;
  }

  function colorMarkers() {
    if (!markers) return;
    const T = d.tokens.length;
    for (let i = 0; i < T * (L() + 1); i++) markers.setColorAt(i, color.set(i % T === token ? COLORS.accent : COLORS.attn));
    if (markers.instanceColor) markers.instanceColor.needsUpdate = true;
  }

  function select3d() {
    const rows: Contribution[] = d.contributions[token] ?? [];
    const max = Math.max(1e-9, ...rows.flatMap((c) => [c.resid_norm, c.attn_norm, c.mlp_norm]));
    rows.forEach((c, l) => {
      [c.resid_norm, c.attn_norm, c.mlp_norm].forEach((v, j) => {
        const m = bars[l]?.[j];
        if (!m) return;
        const len = Math.max(0.02, (v / max) * BAR_MAX);
        m.scale.x = len;
        m.position.x = STACK_W / 2 + 0.5 + len / 2;
      });
      const mat = slabs[l].material as THREE.MeshLambertMaterial;
      mat.color.set(l === layer ? COLORS.accent : SLAB);
      mat.opacity = l === layer ? 0.7 : 0.45;
    });
    colorMarkers();
    const T = d.tokens.length;
    canvas.setAttribute(
      'aria-label',
      T ? `A stack of ${rows.length} layers with ${T} tokens rising through it; layer ${layer + 1} is highlighted. The numbers are in the read-out and table.` : 'An empty stack of layers.',
    );
  }

  function draw() {
    const w = Math.max(280, Math.round(opts.width ?? 560));
    if (w !== width) {
      width = w;
      renderer.setSize(w, HEIGHT);
      camera.aspect = w / HEIGHT;
      camera.updateProjectionMatrix();
    }
    renderer.render(scene, camera);
  }

  function startFlow() {
    cancelAnimationFrame(frame);
    if (opts.reducedMotion) {
      flow = 1;
      placeMarkers();
      return;
    }
    const t0 = performance.now();
    flow = 0;
    const step = () => {
      flow = Math.min(1, (performance.now() - t0) / FLOW_MS);
      placeMarkers();
      draw();
      if (flow < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    placeMarkers();
  }

  function hit(ev: PointerEvent | MouseEvent): number {
    const r = canvas.getBoundingClientRect();
    pointer.set(((ev.clientX - r.left) / r.width) * 2 - 1, -((ev.clientY - r.top) / r.height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    const h = raycaster.intersectObjects(pickable, false)[0];
    return h ? ((h.object as Obj).userData.layer ?? -1) : -1;
  }
  const onMove = (ev: PointerEvent) => {
    if (ev.pointerType === 'touch') return;
    const l = hit(ev);
    canvas.style.cursor = l >= 0 ? 'pointer' : '';
    if (l >= 0 && l !== layer) opts.onLayer?.(l);
  };
  // A mouse has already picked the layer by hovering, so its click opens it; a first tap (touch
  // has no hover) picks the layer and shows its numbers, a second tap on it opens it.
  let touch = false;
  const onDown = (ev: PointerEvent) => {
    touch = ev.pointerType === 'touch';
  };
  const onClick = (ev: MouseEvent) => {
    const l = hit(ev);
    if (l < 0) return;
    if (touch && l !== layer) opts.onLayer?.(l);
    else if (opts.href) window.location.assign(opts.href(l));
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('click', onClick);

  function update(next: StackView, nextOptions?: StackOptions) {
    if (nextOptions) opts = { ...opts, ...nextOptions };
    const fresh = next !== d || !built;
    d = next;
    token = clampIndex(opts.token, d.tokens.length, d.tokens.length - 1);
    layer = clampIndex(opts.layer, L(), 0);
    if (fresh) {
      build();
      built = true;
      startFlow();
    }
    select3d();
    // A hover that only moves the layer rewrites the read-out, not the token list and table.
    if (fresh || token !== shownToken) parts.update(d, token, layer);
    else parts.layer(d.contributions[token] ?? [], layer);
    shownToken = token;
    draw();
  }

  update(d, opts);

  return {
    update,
    destroy() {
      cancelAnimationFrame(frame);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('click', onClick);
      parts.destroy();
      dispose(scene);
      renderer.dispose();
      base.selectChildren().remove();
    },
  };
}
