/**
 * The orbit camera shared by the WebGL view and the 2D fallback, so a link's `yaw`, `pitch` and
 * `distance` mean the same picture in both. Pure: no DOM, no Three.js.
 *
 * The camera circles `target` (the selected token's point, or the cloud's centre) at `distance`
 * cloud radii. yaw 0, pitch 0 looks from +z towards −z with +y up, so PCA axis 1 runs right and
 * axis 2 up. This is Three.js's PerspectiveCamera + lookAt convention, which the projection below
 * reproduces exactly; picking and the 2D fallback use it.
 */

export interface Camera {
  /** Degrees around the vertical axis, (−180, 180]. */
  yaw: number;
  /** Degrees above the horizontal plane, clamped to ±PITCH_MAX so "up" stays defined. */
  pitch: number;
  /** From the target, in cloud radii (the cloud is scaled to about radius 1). */
  distance: number;
}

export type Vec3 = [number, number, number];

/** Vertical field of view in degrees. */
export const FOV = 50;
export const PITCH_MAX = 85;
export const DISTANCE_MIN = 0.2;
export const DISTANCE_MAX = 12;

const RAD = Math.PI / 180;

/** Wrap to (−180, 180], clamp pitch and distance; round to the URL's 0.1° / 0.01 steps. */
export function normalizeCamera(c: Camera): Camera {
  let yaw = ((((c.yaw + 180) % 360) + 360) % 360) - 180;
  if (yaw === -180) yaw = 180;
  const pitch = Math.max(-PITCH_MAX, Math.min(PITCH_MAX, c.pitch));
  const distance = Math.max(DISTANCE_MIN, Math.min(DISTANCE_MAX, c.distance));
  return { yaw: Math.round(yaw * 10) / 10, pitch: Math.round(pitch * 10) / 10, distance: Math.round(distance * 100) / 100 };
}

/** Where the camera sits. */
export function eye(c: Camera, target: Vec3): Vec3 {
  const cp = Math.cos(c.pitch * RAD);
  return [
    target[0] + c.distance * cp * Math.sin(c.yaw * RAD),
    target[1] + c.distance * Math.sin(c.pitch * RAD),
    target[2] + c.distance * cp * Math.cos(c.yaw * RAD),
  ];
}

export interface Projector {
  /** Screen x, y in CSS px from the top left, and depth along the view direction (> 0 in front). */
  project(p: Vec3 | Float32Array, out?: Float32Array): Float32Array;
  /** Pixels per world unit at depth 1. */
  focal: number;
}

/** Perspective projection for a view of width × height CSS px. */
export function projector(c: Camera, target: Vec3, width: number, height: number): Projector {
  const e = eye(c, target);
  const f = norm([target[0] - e[0], target[1] - e[1], target[2] - e[2]]);
  const s = norm(cross(f, [0, 1, 0]));
  const u = cross(s, f);
  const focal = height / 2 / Math.tan((FOV * RAD) / 2);
  return {
    focal,
    project(p, out = new Float32Array(3)) {
      const dx = p[0] - e[0];
      const dy = p[1] - e[1];
      const dz = p[2] - e[2];
      const z = dx * f[0] + dy * f[1] + dz * f[2];
      const x = dx * s[0] + dy * s[1] + dz * s[2];
      const y = dx * u[0] + dy * u[1] + dz * u[2];
      out[0] = width / 2 + (x * focal) / z;
      out[1] = height / 2 - (y * focal) / z;
      out[2] = z;
      return out;
    },
  };
}

/** Screen positions of n points ([n][3] coords) → [n][3] (x px, y px, depth). */
export function projectAll(coords: Float32Array, proj: Projector, out: Float32Array = new Float32Array(coords.length)): Float32Array {
  const tmp = new Float32Array(3);
  for (let i = 0; i < coords.length; i += 3) {
    proj.project(coords.subarray(i, i + 3), tmp);
    out[i] = tmp[0];
    out[i + 1] = tmp[1];
    out[i + 2] = tmp[2];
  }
  return out;
}

/**
 * The point under (x, y): the nearest on screen within `radius` px, in front of the camera;
 * among equally near ones, the closer to the camera. −1 when none.
 */
export function pick(screen: Float32Array, x: number, y: number, radius: number, near = 0.01): number {
  let best = -1;
  let bestD = radius * radius;
  let bestZ = Infinity;
  for (let i = 0, n = screen.length / 3; i < n; i++) {
    const z = screen[i * 3 + 2];
    if (!(z > near)) continue;
    const dx = screen[i * 3] - x;
    const dy = screen[i * 3 + 1] - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD || (d2 === bestD && z < bestZ)) {
      best = i;
      bestD = d2;
      bestZ = z;
    }
  }
  return best;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function norm(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}
