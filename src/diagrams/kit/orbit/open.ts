/**
 * Picking a drawing backend for a 3D view, shared by every orbit diagram: Three.js (imported
 * only here, only when the browser can make a WebGL context) or the Canvas 2D fallback, with the
 * diagram's "no WebGL" note shown for the latter and `data-view` on the diagram saying which.
 */
import type { Camera } from './camera';
import { hasWebGL, palette, type Scene } from './scene';

export async function openScene(diagram: HTMLElement, fallbackNote: HTMLElement): Promise<Scene> {
  const pal = palette(diagram);
  let scene: Scene | null = null;
  if (hasWebGL()) {
    try {
      scene = (await import('./scene-three')).createThreeScene(pal);
    } catch {
      scene = null; // a context that fails late still gets the fallback
    }
  }
  fallbackNote.hidden = !!scene;
  scene ??= (await import('./scene-2d')).createCanvasScene(pal);
  diagram.dataset.view = scene.kind;
  return scene;
}

type CameraFields = { yaw: { default: number }; pitch: { default: number }; distance: { default: number } };

/** The camera a state's `yaw`, `pitch` and `distance` fields describe. */
export function cameraOf(s: Camera): Camera {
  return { yaw: s.yaw, pitch: s.pitch, distance: s.distance };
}

/** The schema's default camera: where the Home key returns. */
export function homeOf(schema: CameraFields): Camera {
  return { yaw: schema.yaw.default, pitch: schema.pitch.default, distance: schema.distance.default };
}
