/**
 * The decoding chapter's example data: the model's full next-token logits for the sampler's
 * default prompt (the chain is rerun at build time for each state), and the generation, beam
 * search and sample tree of each view's default state (and generation's greedy preset), all
 * through the same data modules and KV-cached source as the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelApi } from '../model/api';
import { MODELS_DIR } from '../model/node';
import { vocabTexts } from '../model/weights';
import { normalizeState } from '../diagrams/kit/state';
import { resolveOrder } from '../diagrams/kit/decoding/fields';
import { promptLogits } from '../diagrams/kit/decoding/source';
import samplerEntry from '../diagrams/sampler/entry';
import generateEntry from '../diagrams/generate/entry';
import beamEntry from '../diagrams/beam-search/entry';
import treeEntry from '../diagrams/sample-tree/entry';
import { samplerBody } from '../diagrams/sampler/data';
import { generateBody } from '../diagrams/generate/data';
import { beamBody } from '../diagrams/beam-search/data';
import { treeBody } from '../diagrams/sample-tree/data';

const sig6 = (x: number) => Number(x.toPrecision(6));
/** Numbers to 6 significant figures: the JSON stays short and diffable. */
const rounded = <T>(x: T): T => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? sig6(v) : v)));
const withoutHead = <T extends object>(b: T) => {
  const { source: _s, model: _m, ...rest } = b as T & { source: unknown; model: unknown };
  return rest;
};

export async function decodingExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const vocab = vocabTexts(JSON.parse(readFileSync(join(MODELS_DIR, info.id, 'tokenizer.json'), 'utf8')), info.vocabSize);
  const decode = (id: number) => vocab[id];
  const fixtures = <S>(e: { fixtures: object; state: object }) =>
    Object.values(e.fixtures).map((f) => normalizeState(f as never, e.state as never).state as S);

  const sp = await promptLogits(model, samplerEntry.state.text.default);
  // The logits to 4 decimals (far below what moves a shown percentage); the chain is rerun on them.
  const logits = Array.from(sp.first, (z) => Number(z.toFixed(4)));
  const ids = new Set<number>();
  for (const s of fixtures<Parameters<typeof samplerBody>[1]>(samplerEntry)) {
    const body = samplerBody({ ...sp, logits }, resolveOrder(s).state, decode, 'example');
    body.candidates.forEach((c) => ids.add(c.id));
    ids.add(body.chosen.id);
  }
  const gen = fixtures<Parameters<typeof generateBody>[1]>(generateEntry);
  const gp = await promptLogits(model, generateEntry.state.text.default);
  const generations = [];
  for (const s of gen) generations.push({ state: s, ...withoutHead(await generateBody(gp, s, decode, 'example')) });
  const beamState = fixtures<Parameters<typeof beamBody>[1]>(beamEntry)[0];
  const beam = await beamBody(await promptLogits(model, beamState.text), beamState, decode, 'example');
  const treeState = fixtures<Parameters<typeof treeBody>[1]>(treeEntry)[0];
  const tree = await treeBody(await promptLogits(model, treeState.text), treeState, decode, 'example');
  return {
    decoding: rounded({
      model: { id: info.id, version: info.version },
      sampler: { text: sp.text, truncated: sp.truncated, tokens: sp.tokens.map(({ id, text }) => ({ id, text })), logits },
      vocab: Object.fromEntries([...ids].sort((a, b) => a - b).map((id) => [id, decode(id)])),
      generations,
      beam: { state: beamState, ...withoutHead(beam) },
      tree: { state: treeState, ...withoutHead(tree) },
    }),
  };
}
