/**
 * The quiz's example data: each model question resolved by the shipped model in Node, through
 * the same resolvers (src/diagrams/quiz/live.ts) the page runs on the live model, so the options
 * and the correct answer a reader sees before the model loads are the model's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelApi } from '../model/api';
import { headScoresFrom } from '../model/assets';
import { MODELS_DIR } from '../model/node';
import { vocabTexts } from '../model/weights';
import { readSideFiles } from '../diagrams/kit/sources/side-files-node';
import { LIVE, type QuizModel } from '../diagrams/quiz/live';
import { lastHiddenOf } from '../diagrams/quiz/sources';

/** The Node model as the quiz's resolvers see it. */
export function nodeQuizModel(model: ModelApi, modelId: string, vocabSize: number): QuizModel {
  const dir = join(MODELS_DIR, modelId);
  return {
    nextTokens: (text, k) => model.nextTokens(text, k),
    tokenize: (text) => model.tokenize(text),
    heads: async () => headScoresFrom(JSON.parse(readFileSync(join(dir, 'heads.json'), 'utf8')), 'heads.json'),
    side: async () => readSideFiles(dir),
    vocab: async () => vocabTexts(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), vocabSize),
    lastHidden: async (text) => lastHiddenOf((await model.trace(text, { outputs: ['hiddenStates'] })).hiddenStates),
  };
}

export async function quizExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const m = nodeQuizModel(model, info.id, info.vocabSize);
  const questions: Record<string, unknown> = {};
  for (const spec of LIVE) questions[spec.id] = await spec.resolve(m);
  return { quiz: { model: { id: info.id, version: info.version }, questions } };
}
