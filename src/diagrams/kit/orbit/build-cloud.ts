/**
 * One PCA per model per build: the gallery draws every fixture, and each would otherwise redo
 * the 8192 × 192 covariance (about 0.5 s each).
 */
import type { Embeddings } from '../../../model/weights';
import { buildCloud, type Cloud } from './cloud';

const memo = new WeakMap<Embeddings, Cloud>();

export function cloudFor(emb: Embeddings): Cloud {
  let c = memo.get(emb);
  if (!c) memo.set(emb, (c = buildCloud(emb)));
  return c;
}
