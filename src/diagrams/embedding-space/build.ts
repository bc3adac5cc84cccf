/**
 * The embedding-space diagram before any script runs: the shipped model's cloud summary, the
 * selected token's neighbours and the tables, read from `public/models/` at build time. The 3D
 * view itself starts in the page (element.ts). The wrapper and the jsdom gallery both call this.
 */
import type { BuiltView } from '../kit/build-time';
import { cameraOf } from '../kit/orbit/open';
import { builtCloud, builtEmbeddings } from '../kit/orbit/built';
import { exportOf, neighboursOf, type EmbeddingExport, type EmbeddingState } from '../kit/orbit/cloud';
import type { StateOf } from '../kit/schema';
import entry from './entry';
import { render } from './render';

/** The token whose text is exactly `word` (e.g. " king"); throws when the model has none. */
export function tokenOf(word: string): number {
  const emb = builtEmbeddings();
  const id = emb.vocab.indexOf(word);
  if (id < 0) throw new Error(`<EmbeddingSpace word=${JSON.stringify(word)}> is not a token of ${emb.model.id}`);
  return id;
}

export function buildView(given: StateOf<typeof entry.state>): BuiltView<EmbeddingExport> {
  const state = given as EmbeddingState;
  const emb = builtEmbeddings();
  const cloud = builtCloud();
  const neighbours = neighboursOf(emb, state.token, cloud.norms);
  const data = exportOf(state, 'example', emb, cloud, neighbours, []);
  const view = { model: emb.model, vocab: emb.vocab, matrix: data.matrix, coords: null, projection: cloud.projection, token: state.token, neighbours, sentence: [] };
  const camera = cameraOf(state);
  return { data, draw: (host) => void render(host, view, { camera, home: camera }) };
}
