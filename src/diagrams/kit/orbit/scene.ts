/**
 * What the stage asks of a drawing backend: the WebGL one (scene-three.ts, loaded lazily with
 * Three.js) or the Canvas 2D fallback (scene-2d.ts). Both draw the same points from the same
 * camera; the stage does picking and labels itself, so the two behave alike.
 */
import type { Camera, Vec3 } from './camera';

export interface Marks {
  selected: number;
  hover: number;
  neighbours: readonly number[];
  /** The reader's tokens in order (ids may repeat); drawn as a path. */
  sentence: readonly number[];
  /** A second path in a second colour (contextual-path's text B); empty in the cloud. */
  second?: readonly number[];
}

export interface Frame {
  camera: Camera;
  target: Vec3;
  /** CSS px. */
  width: number;
  height: number;
  /** [n][3] screen x, y (CSS px) and depth of every point, from camera.ts projectAll. */
  screen: Float32Array;
  /** px per world unit at depth 1. */
  focal: number;
}

export interface Scene {
  readonly kind: 'webgl' | '2d';
  readonly canvas: HTMLCanvasElement;
  setPoints(coords: Float32Array): void;
  setMarks(marks: Marks): void;
  draw(frame: Frame): void;
  destroy(): void;
}

/** Radius of one point in cloud units (the cloud has radius ≈ 1). */
export const POINT_RADIUS = 0.012;

/** Theme colours, read from the page's CSS custom properties (global.css). */
export interface Palette {
  bg: string;
  point: string;
  selected: string;
  neighbour: string;
  sentence: string;
  second: string;
  hover: string;
}

export function palette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', '#ffffff'),
    point: v('--border-strong', '#6b7480'),
    selected: v('--series-5', '#c04f00'),
    neighbour: v('--series-3', '#007a5a'),
    sentence: v('--series-1', '#005f96'),
    second: v('--series-5', '#c04f00'),
    hover: v('--series-4', '#a8467f'),
  };
}

/** True when this browser can make a WebGL context (without letting Three.js log an error). */
export function hasWebGL(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}
