/**
 * The in-context view's model calls: one forward pass over the repeated sequence (logits and
 * attention only) scored by ./data.ts, and the few-shot prompt's five most likely next tokens.
 * The browser and the example-data script share it.
 */
import type { ModelApi } from '../../model/api';
import { buildInContext, repeatText, type HeadPick, type InContextData } from './data';
import { FEW_SHOT, fewShotOf, type FewShot } from './few-shot';

export async function runInContext(model: ModelApi, sequence: string, repeat: number, head: HeadPick): Promise<InContextData> {
  const tr = await model.trace(repeatText(sequence, repeat), { outputs: ['logits', 'attentions'] });
  return buildInContext(tr, sequence, repeat, head);
}

export async function runFewShot(model: ModelApi): Promise<FewShot> {
  return fewShotOf((await model.nextTokens(FEW_SHOT.prompt, 5)).top);
}
