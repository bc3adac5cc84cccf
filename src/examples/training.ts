/**
 * The training chapter's build-time examples, from the shipped model through the site's adapter:
 * one gradient step on the default sentence (default position and learning rate) and what the
 * final checkpoint (the model itself) believes after the default prompt.
 */
import type { ModelApi } from '../model/api';
import { MODELS_DIR, readCatalogue } from '../model/node';
import { entryFolder, defaultEntry } from '../model/catalogue';
import { readSideFiles } from '../diagrams/kit/sources/side-files-node';
import gradientEntry from '../diagrams/gradient-step/entry';
import checkpointsEntry from '../diagrams/checkpoints/entry';
import { stepBody } from '../diagrams/gradient-step/view';
import { believed } from '../diagrams/checkpoints/view';
import { vocabTexts, type TokenizerJson } from '../model/weights';
import { readFileSync } from 'node:fs';
import { runTotals, TRAINING_LOG } from '../data/training-log';
import { round6 } from './round';

const rounded = (data: unknown) => JSON.parse(JSON.stringify(data, (_k, v) => (typeof v === 'number' ? round6(v) : v)));

export async function trainingExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const entry = defaultEntry(readCatalogue());
  const dir = `${MODELS_DIR}/${entryFolder(entry)}`;
  const side = readSideFiles(dir);
  const tokenizer = JSON.parse(readFileSync(`${dir}tokenizer.json`, 'utf8')) as TokenizerJson;
  const { text, position, lr } = gradientEntry.state;
  const tr = await model.trace(text.default);
  const L = tr.model.nLayer, T = tr.tokens.length, d = tr.model.nEmbd;
  const step = stepBody(
    {
      model: { id: tr.model.id, version: tr.model.version },
      text: tr.text,
      tokens: tr.tokens.map(({ id, text: t }) => ({ id, text: t })),
      hidden: tr.hiddenStates.data.subarray(L * T * d, (L + 1) * T * d),
      logits: tr.logits.data,
      norm: side.norm,
      un: side.unembedding,
      vocab: vocabTexts(tokenizer, tr.model.vocabSize),
    },
    position.default,
    lr.default,
    'example',
  );
  // The shipped model is the run's last checkpoint: the training log's last step.
  const run = runTotals(TRAINING_LOG);
  const belief = await believed(model, checkpointsEntry.state.text.default, run.steps, run.tokens);
  return {
    'gradient-step': rounded(step),
    checkpoints: rounded({ ...belief, source: 'example' }),
  };
}
