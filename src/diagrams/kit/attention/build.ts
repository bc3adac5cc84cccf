/**
 * The attention views before any script runs: the precomputed example's selected head, drawn
 * with the view's own render(). attention/build.ts and attention-matrix/build.ts pass their render.
 */
import example from '../../../data/examples/attention.json';
import type { BuiltView } from '../build-time';
import type { RenderFn } from './live';
import { exportBody, fromExample, queryIndex, viewOf, type AttentionExample, type AttentionExport, type AttentionState } from './source';

export function buildAttention(state: AttentionState, render: RenderFn): BuiltView<AttentionExport> {
  const source = fromExample(example as AttentionExample);
  const view = viewOf(source, state.layer, state.head);
  const data: AttentionExport = { state, ...exportBody(source, view) };
  return { data, draw: (host) => void render(host, view, { query: queryIndex(state.token, view.tokens.length), reducedMotion: true }) };
}
