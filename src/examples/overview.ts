/**
 * Node only: the model-overview diagram's example data, one forward pass for each text it opens
 * on (the home page's prompt and the layers chapter's sentence), computed by the shipped model
 * through the same adapter and side files as the site. Never hand-written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelApi } from '../model/api';
import { EXAMPLE_TEXTS } from '../model/examples';
import { MODELS_DIR } from '../model/node';
import { vocabTexts } from '../model/weights';
import { readSideFiles } from '../diagrams/kit/sources/side-files-node';
import { overviewOf } from '../diagrams/model-overview/data';
import { round6 } from './round';


export async function overviewExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const dir = join(MODELS_DIR, info.id);
  const side = readSideFiles(dir);
  const vocab = vocabTexts(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), info.vocabSize);
  const views = [];
  for (const text of [EXAMPLE_TEXTS.nextToken, EXAMPLE_TEXTS.layers]) {
    const tr = await model.trace(text);
    views.push({ truncated: tr.truncated, ...overviewOf(tr, side, vocab, round6) });
  }
  return { 'model-overview': { model: { id: info.id, version: info.version }, views } };
}
