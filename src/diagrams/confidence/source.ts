/**
 * One prompt through the model: the next-token logits after it (one forward pass, logits only,
 * not kept in the page's memo) and the answer's first token, scored by ./data.ts. The browser and
 * the example-data script share it, so both run the same steps.
 */
import type { ModelApi } from '../../model/api';
import { answerFirstId, scorePrompt, type FactPrompt, type PromptResult } from './data';

export async function runPrompt(model: ModelApi, p: FactPrompt & { added?: boolean }, decode: (id: number) => string): Promise<PromptResult> {
  const [tr, joint, answer] = await Promise.all([
    model.trace(p.prompt, { outputs: ['logits'], hold: false }),
    model.tokenize(p.prompt + p.answer),
    model.tokenize(p.answer),
  ]);
  const ids = tr.tokens.map((t) => t.id);
  const T = ids.length;
  if (T === 0) throw new Error('runPrompt: an empty prompt');
  const V = tr.logits.shape[1];
  const answerId = answerFirstId(ids, joint.tokens.map((t) => t.id), answer.tokens.map((t) => t.id));
  return scorePrompt(p, T, tr.logits.data.subarray((T - 1) * V, T * V), answerId, decode);
}
