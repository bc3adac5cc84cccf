/**
 * The live model as the quiz's resolvers see it (a `QuizModel`): the worker for next tokens,
 * tokens and the residual stream, and the shared page-wide loaders of src/model/assets.ts for
 * heads.json, the weight side files and the vocabulary, each fetched once per page.
 */
import type { ModelApi } from '../../model/api';
import type { TensorF32 } from '../../model/tensor';
import type { QuizModel } from './live';

/** hiddenStates [L+1][T][d] → the last token's vector (length d) at each of the L+1 layers. */
export function lastHiddenOf(h: TensorF32): Float32Array[] {
  const [layers, T] = h.shape;
  return Array.from({ length: layers }, (_, l) => Float32Array.from(h.view(l, T - 1).data));
}

export function browserQuizModel(model: ModelApi, modelId: string, vocabSize: number): QuizModel {
  const assets = () => import('../../model/assets');
  return {
    nextTokens: (text, k) => model.nextTokens(text, k),
    tokenize: (text) => model.tokenize(text),
    heads: async () => (await assets()).headScores(modelId),
    side: async () => (await assets()).sideFiles(modelId),
    vocab: async () => (await assets()).vocabulary(modelId, vocabSize),
    lastHidden: async (text) => lastHiddenOf((await model.trace(text, { outputs: ['hiddenStates'] })).hiddenStates),
  };
}
