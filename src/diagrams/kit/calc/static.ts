/**
 * Build-time drawing for the calculator diagrams: their render() takes the data and the
 * reduced-motion option only.
 */
import { drawAtBuild } from '../build-time';

export function renderStatic<X>(render: (root: HTMLElement, data: X, options?: { reducedMotion?: boolean }) => unknown, data: X): string {
  return drawAtBuild((host) => render(host, data, { reducedMotion: true }));
}
