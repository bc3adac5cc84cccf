/**
 * Beam search's export: every node the search proposed (kept or pruned) with its token, step and
 * cumulative log-probability, the surviving beams with their length-normalised scores, and greedy
 * (a beam of width 1) on the same prompt for comparison. Pure over the model's logits.
 */
import { beamSearch } from '../../math/generation';
import { bodyHead, type BodyHead, type PromptLogits } from '../kit/decoding/source';

export interface BeamBody extends BodyHead {
  nodes: { id: number; text: string; parent: number; step: number; logp: number; score: number; kept: boolean }[];
  beams: { tokens: { id: number; text: string }[]; logp: number; score: number }[];
  greedy: { tokens: { id: number; text: string }[]; logp: number };
}

export type BeamState = { text: string; width: number; steps: number; length_penalty: number };

type Prompt = Pick<PromptLogits, 'model' | 'text' | 'truncated' | 'tokens' | 'ids' | 'logitsOf'>;

export async function beamBody(p: Prompt, state: BeamState, decode: (id: number) => string, source: BodyHead['source']): Promise<BeamBody> {
  const eos = p.model.eosTokenId;
  const r = await beamSearch(p.logitsOf, p.ids, { width: state.width, steps: state.steps, lengthPenalty: state.length_penalty, eos });
  const g = await beamSearch(p.logitsOf, p.ids, { width: 1, steps: state.steps, lengthPenalty: state.length_penalty, eos });
  const toks = (ids: number[]) => ids.map((id) => ({ id, text: decode(id) }));
  return {
    ...bodyHead(p, source),
    nodes: r.nodes.map((n) => ({ id: n.tokens[n.tokens.length - 1], text: decode(n.tokens[n.tokens.length - 1]), parent: n.parent, step: n.step, logp: n.logp, score: n.score, kept: n.kept })),
    beams: r.beams.map((b) => ({ tokens: toks(b.tokens), logp: b.logp, score: b.score })),
    greedy: { tokens: toks(g.beams[0]?.tokens ?? []), logp: g.beams[0]?.logp ?? 0 },
  };
}
