/**
 * The default model's embeddings as the build reads them: synchronously from `public/models/` in
 * Node, with the page's own parsers (src/model/weights.ts), so each `buildView(state)` draws at
 * once and the wrapper, the gallery test and the page agree. Never bundled for pages.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { matrixFrom, vocabTexts, type Embeddings, type TokenizerJson, type WeightsManifest } from '../../../model/weights';
import { cloudFor } from './build-cloud';
import type { Cloud } from './cloud';

const MODELS = resolve(process.cwd(), 'public/models');

interface CatalogueJson {
  default: string;
  models: { id: string; version: string; archived?: boolean }[];
}

const json = <T>(path: string): T => JSON.parse(readFileSync(join(MODELS, path), 'utf8')) as T;

function bytes(path: string): ArrayBuffer {
  const b = readFileSync(join(MODELS, path));
  // A fresh, exactly-sized buffer: Node may pool small reads inside a larger one.
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

let memo: Embeddings | null = null;

/** wte, wpe and the vocabulary of the catalogue's default model, read once per build. */
export function builtEmbeddings(): Embeddings {
  if (memo) return memo;
  const cat = json<CatalogueJson>('models.json');
  const entry = cat.models.find((m) => m.id === cat.default && !m.archived);
  if (!entry) throw new Error(`weights: the default model ${cat.default} is not in models.json`);
  const dir = `${entry.id}/`;
  const manifest = json<WeightsManifest>(`${dir}weights.json`);
  const wte = matrixFrom(manifest.wte, (f) => bytes(dir + f));
  const wpe = matrixFrom(manifest.wpe, (f) => bytes(dir + f));
  const vocab = vocabTexts(json<TokenizerJson>(`${dir}tokenizer.json`), wte.shape[0]);
  memo = { model: { id: entry.id, version: entry.version }, wte, wpe, vocab };
  return memo;
}

/** The embedding cloud (PCA of wte) of the default model, computed once per build. */
export function builtCloud(): Cloud {
  return cloudFor(builtEmbeddings());
}
