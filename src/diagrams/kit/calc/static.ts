/**
 * A calculator's view before any script runs: its export (computed from the state by the
 * folder's formula) and the chart drawn from it with the same render() the page runs, without
 * transitions. Each calculator folder's build.ts returns this as its BuiltView.
 */
import type { BuiltView } from '../build-time';
import type { RenderFn } from '../chart';

export function calcView<X>(render: RenderFn<X>, data: X): BuiltView<X> {
  return { data, draw: (host) => void render(host, data, { reducedMotion: true }) };
}
