/**
 * The positions diagram before any script runs: everything it shows comes from a formula and
 * the model's wpe side file, so the build draws the real figure, read from `public/models/` in
 * Node. The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import { builtEmbeddings } from '../kit/orbit/built';
import type { StateOf } from '../kit/schema';
import { exportPositions, positionsView } from './data';
import type entry from './entry';
import { render } from './render';

/** px: the build draws at the article column's width; the page redraws at the real one. */
const BUILD_WIDTH = 720;

export type PositionsExport = ReturnType<typeof exportPositions>;

export function buildView(state: StateOf<typeof entry.state>): BuiltView<PositionsExport> {
  const emb = builtEmbeddings();
  const view = positionsView(emb.model, emb.wpe, state);
  return { data: exportPositions(state, 'example', view), draw: (host) => void render(host, view, { width: BUILD_WIDTH }) };
}

/** The model whose positions the build drew. */
export function builtModel(): { id: string; version: string } {
  return builtEmbeddings().model;
}
