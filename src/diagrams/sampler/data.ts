/**
 * The sampler's export from one prompt's logits: the chain (src/math/decoding.ts) run on the full
 * vocabulary for the state's settings and order, the candidates shown (the model's top 50 and the
 * final distribution's top 50) with every stage's probability, one bar for everything else, and
 * the seeded draw u with the token whose segment holds it. Pure, so the page, the build-time
 * example and the model test build it the same way.
 */
import { choose, runChain, type SamplerId } from '../../math/decoding';
import { entropy } from '../../math/information';
import { mulberry32 } from '../../math/sampling';
import { parseOrder, settingsOf, type SamplerState } from '../kit/decoding/fields';
import { bodyHead, type BodyHead } from '../kit/decoding/source';

/** Candidates kept from each end: the model's most likely and the final distribution's. */
export const TOP = 50;

export interface SamplerCandidate {
  id: number;
  text: string;
  p_model: number;
  /** After each stage of `stages`, in order. */
  p_stages: number[];
  p_final: number;
}

export interface SamplerBody extends BodyHead {
  order: SamplerId[];
  greedy: boolean;
  stages: { sampler: SamplerId; kept: number; kept_mass: number }[];
  /** Most likely under the model first. */
  candidates: SamplerCandidate[];
  /** Every token not in `candidates`, summed. */
  tail: { count: number; p_model: number; p_stages: number[]; p_final: number };
  /** The model's probability mass on the tokens the chain kept. */
  kept_mass: number;
  /** Entropy in nats of the model's distribution and of the final one. */
  entropy: { model: number; final: number };
  /** The seed's first uniform draw; null when greedy. */
  u: number | null;
  chosen: { id: number; text: string; p_final: number };
}

export type LogitsInput = Omit<BodyHead, 'source'> & {
  /** Length V. */
  logits: ArrayLike<number>;
};

function topIds(p: ArrayLike<number>, k: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i] > 0) ids.push(i);
  return ids.sort((a, b) => p[b] - p[a] || a - b).slice(0, k);
}

export function samplerBody(input: LogitsInput, state: SamplerState, decode: (id: number) => string, source: BodyHead['source']): SamplerBody {
  const { order } = parseOrder(state.order);
  const context = input.tokens.map((t) => t.id);
  const chain = runChain(input.logits, order, settingsOf(state), context);
  const choice = choose(chain, mulberry32(state.seed));
  const ids = [...new Set([...topIds(chain.model, TOP), ...topIds(chain.final, TOP)])].sort((a, b) => chain.model[b] - chain.model[a] || a - b);
  const shown = new Set(ids);
  const rest = (p: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) if (!shown.has(i)) s += p[i];
    return s;
  };
  return {
    ...bodyHead(input, source),
    order,
    greedy: chain.greedy,
    stages: chain.stages.map(({ sampler, kept, kept_mass }) => ({ sampler, kept, kept_mass })),
    candidates: ids.map((id) => ({
      id, text: decode(id), p_model: chain.model[id], p_stages: chain.stages.map((s) => s.probs[id]), p_final: chain.final[id],
    })),
    tail: { count: chain.model.length - ids.length, p_model: rest(chain.model), p_stages: chain.stages.map((s) => rest(s.probs)), p_final: rest(chain.final) },
    kept_mass: chain.kept_mass,
    entropy: { model: entropy(chain.model), final: entropy(chain.final) },
    u: choice.u,
    chosen: { id: choice.id, text: decode(choice.id), p_final: chain.final[choice.id] },
  };
}
