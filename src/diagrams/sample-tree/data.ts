/**
 * The sample tree's export: N seeded samples of a few tokens each from one prompt and settings
 * (src/math/generation.ts drawSamples: the model is asked once per distinct prefix, in batches
 * that move the progress bar), merged into a tree whose nodes count the samples through them.
 */
import { drawSamples, mergeSamples, type TreeNode } from '../../math/generation';
import { parseOrder, settingsOf, type SamplerState } from '../kit/decoding/fields';
import { bodyHead, type BodyHead, type PromptLogits } from '../kit/decoding/source';

export interface Branch {
  id: number;
  text: string;
  count: number;
  children: Branch[];
}

export interface TreeBody extends BodyHead {
  /** Samples drawn, and distinct continuations among them. */
  n: number;
  distinct: number;
  tree: Branch[];
}

export type TreeState = Pick<SamplerState, 'temperature' | 'top_p' | 'seed'> & { text: string; n: number; length: number };

type Prompt = Pick<PromptLogits, 'model' | 'text' | 'truncated' | 'tokens' | 'ids' | 'batchOf'>;

export async function treeBody(p: Prompt, state: TreeState, decode: (id: number) => string, source: BodyHead['source']): Promise<TreeBody> {
  const order = parseOrder('temperature,top_p').order;
  const settings = settingsOf({ ...state, top_k: 0, min_p: 0, typical_p: 1, repetition_penalty: 1, no_repeat_ngram: 0, order: '' });
  const samples = await drawSamples(p.batchOf, p.ids, { n: state.n, length: state.length, order, settings, seed: state.seed, eos: p.model.eosTokenId });
  const named = (n: TreeNode): Branch => ({ id: n.id, text: decode(n.id), count: n.count, children: n.children.map(named) });
  return {
    ...bodyHead(p, source),
    n: state.n,
    distinct: new Set(samples.map((s) => s.join(','))).size,
    tree: mergeSamples(samples).map(named),
  };
}
