/**
 * Node only: the layers chapter's example data, computed by the shipped model through the same
 * adapter as the site plus its side files, for scripts/make-examples.mjs (which writes
 * src/data/examples/<name>.json) and the staleness test. Never hand-written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logitLens } from '../math/logit-lens';
import type { ModelApi } from '../model/api';
import { EXAMPLE_TEXTS } from '../model/examples';
import { SAMPLE_PASSAGES, SAMPLE_SOURCE } from '../diagrams/mlp-neurons/sample-text';
import { sampleTops, topNeurons } from '../diagrams/mlp-neurons/data';
import { contributionsOf } from '../diagrams/kit/layers/contributions';
import { buildLayersStory } from '../stories/layers-story/data';
import { readSideFiles } from '../diagrams/kit/sources/side-files-node';
import { vocabTexts } from '../model/weights';
import { round6 } from './round';

/** Sample activations to 3 decimals: the sample file holds 5 hits for each of L × 4d neurons. */
const round3 = (x: number) => Number(x.toFixed(3));
/** Neurons per layer the mlp-neurons view lists. */
export const TOP_NEURONS = 8;
/** Sample tokens kept per neuron. */
export const SAMPLE_HITS = 5;

export async function buildLayerExamples(model: ModelApi, modelsDir: string): Promise<Record<string, unknown>> {
  const info = await model.load();
  const dir = join(modelsDir, info.id);
  const side = readSideFiles(dir);
  const vocab = vocabTexts(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), info.vocabSize);
  const tr = await model.trace(EXAMPLE_TEXTS.layers);
  const head = {
    model: { id: info.id, version: info.version },
    text: tr.text,
    truncated: tr.truncated,
    tokens: tr.tokens.map(({ id, text }) => ({ id, text })),
  };
  const [rows, T] = tr.hiddenStates.shape;
  const lens = logitLens(tr.hiddenStates.data, rows, T, side.norm, side.unembedding, 5).map((r) =>
    r.map((c) => c.map(({ id, p }) => ({ id, text: vocab[id], p: round6(p) }))),
  );
  const contributions = Array.from({ length: T }, (_, t) =>
    contributionsOf(tr, t).map((c) => ({ ...c, attn_norm: round6(c.attn_norm), mlp_norm: round6(c.mlp_norm), resid_norm: round6(c.resid_norm), out_norm: round6(c.out_norm) })),
  );
  const neurons = Array.from({ length: info.nLayer }, (_, l) =>
    topNeurons(tr.mlpActivations, l, TOP_NEURONS).map((n) => ({ neuron: n.neuron, max: round6(n.max), acts: n.acts.map(round6) })),
  );
  const story = buildLayersStory(tr, side, vocab);
  const passages = [];
  for (const p of SAMPLE_PASSAGES) passages.push(await model.trace(p.text));
  return {
    'logit-lens': { ...head, lens },
    // [token][layer]: what each block adds to every token's stream (the view picks one token).
    'layer-stack': { ...head, contributions },
    // [layer] → the TOP_NEURONS neurons firing most on the text, with their activation per token.
    'mlp-neurons': { ...head, width: tr.mlpActivations.shape[2], neurons },
    // The chapter's story for the default text's last token; numbers rounded like the rest.
    'layers-story': JSON.parse(JSON.stringify(story, (_k, v) => (typeof v === 'number' ? round6(v) : v))),
    'mlp-neurons-sample': {
      model: head.model,
      source: SAMPLE_SOURCE,
      passages: passages.map((p, i) => ({
        title: SAMPLE_PASSAGES[i].title,
        truncated: p.truncated,
        tokens: p.tokens.map((t) => t.text),
      })),
      // [layer][neuron] → up to SAMPLE_HITS [passage, token position, activation], strongest first.
      top: sampleTops(
        passages.map((p) => p.mlpActivations),
        SAMPLE_HITS,
        round3,
      ),
    },
  };
}
