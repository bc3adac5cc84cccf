/**
 * What one checkpoint believes after the reader's prompt: its ten most likely next tokens, the
 * entropy of its whole next-token distribution, and a short greedy continuation. Pure apart from
 * the model calls it is handed; the element and the example script both call `believed`.
 */
import { entropy, softmax } from '../../math/index';
import type { ModelApi } from '../../model/api';
import type { CheckpointInfo } from '../../model/catalogue';

/** Candidates the bars show; tokens the greedy sample adds. */
export const TOP = 10;
export const SAMPLE_TOKENS = 12;

export interface Belief {
  source: 'example' | 'model';
  /** The checkpoint's model id and version (a checkpoint's version ends in `/step-…`). */
  model: { id: string; version: string };
  step: number;
  /** Training tokens the checkpoint had seen. */
  tokens_seen: number;
  text: string;
  top: { id: number; text: string; p: number }[];
  /** Entropy of the full next-token distribution, nats (ln V for a uniform guess); null for an empty prompt. */
  entropy: number | null;
  vocab: number;
  /** The greedy continuation, as text. */
  sample: string;
}

export async function believed(model: ModelApi, text: string, step: number, tokensSeen: number): Promise<Belief> {
  const nt = await model.nextTokens(text, TOP);
  const V = nt.model.vocabSize;
  let h: number | null = null;
  if (nt.tokens.length) {
    const tr = await model.trace(text, { outputs: ['logits'] });
    const T = tr.tokens.length;
    h = entropy(softmax(tr.logits.data.subarray((T - 1) * V, T * V)));
  }
  const gen = await model.generate(text, { maxNewTokens: SAMPLE_TOKENS, temperature: 0, seed: 0 });
  return {
    source: 'model',
    model: { id: nt.model.id, version: nt.model.version },
    step,
    tokens_seen: tokensSeen,
    text: nt.text,
    top: nt.top.map(({ id, text: t, p }) => ({ id, text: t, p })),
    entropy: h,
    vocab: V,
    sample: gen.steps.map((s) => s.text).join(''),
  };
}

/** What the page embeds: the parent model and its checkpoints as models.json lists them. */
export interface CheckpointList {
  parent: { id: string; version: string };
  list: Pick<CheckpointInfo, 'step' | 'tokens' | 'path' | 'bytes'>[];
}

/** Index of the listed checkpoint nearest `step`. */
export function nearest(list: CheckpointList['list'], step: number): number {
  let best = 0;
  list.forEach((c, i) => {
    if (Math.abs(c.step - step) < Math.abs(list[best].step - step)) best = i;
  });
  return best;
}

