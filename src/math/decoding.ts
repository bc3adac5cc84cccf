/**
 * The decoding lab's sampler chain, on the full vocabulary, in the style of Hugging Face's logits
 * processors (transformers, "Utilities for Generation", LogitsProcessor): every
 * sampler maps scores (logits in nats, `-Infinity` for a removed token) to scores, the chain runs
 * them in a given order, and the final distribution is softmax of the last scores, so it is
 * renormalised over what survived. Then a token is chosen: greedy takes the argmax, sampling takes
 * the token whose segment of the cumulative distribution (most likely first) holds a seeded
 * uniform draw u. Pure; the random numbers always come in from the caller.
 */
import { argmax, softmax } from './softmax';
import type { Rng } from './sampling';

export const SAMPLERS = ['repetition_penalty', 'no_repeat_ngram', 'temperature', 'top_k', 'top_p', 'min_p', 'typical_p'] as const;
export type SamplerId = (typeof SAMPLERS)[number];

/** Every sampler's parameter; a sampler is applied only when its id is in the chain's order. */
export interface SamplerSettings {
  /** Divides the logits; ≤ 0 is greedy (only the argmax survives). */
  temperature: number;
  /** Keep the k highest scores; ties go to the lower id. */
  top_k: number;
  /** Keep the smallest most-likely set whose probability reaches p. */
  top_p: number;
  /** Keep tokens with p ≥ min_p · p_max. */
  min_p: number;
  /** Keep the smallest set closest to the expected surprise (entropy) whose probability reaches p. */
  typical_p: number;
  /** θ ≥ 1: a token already in the context has its logit divided by θ (multiplied if negative). */
  repetition_penalty: number;
  /** n: ban a token that would repeat an n-gram already in the context; 0 is off. */
  no_repeat_ngram: number;
}

/** Each sampler's parameter when it changes nothing. */
export const NEUTRAL: SamplerSettings = {
  temperature: 1, top_k: Infinity, top_p: 1, min_p: 0, typical_p: 1, repetition_penalty: 1, no_repeat_ngram: 0,
};

/** One sampler's step in the chain. */
export interface Stage {
  sampler: SamplerId;
  /** Tokens with non-zero probability after this sampler. */
  kept: number;
  /** The probability mass, under this sampler's input distribution, of the tokens it kept. */
  kept_mass: number;
  /** Length V: the renormalised distribution after this sampler. */
  probs: Float64Array;
}

export interface Chain {
  /** Length V: the model's own distribution, softmax of the logits. */
  model: Float64Array;
  stages: Stage[];
  /** Length V: the distribution that is sampled, summing to 1. */
  final: Float64Array;
  /** The model's probability mass on the tokens that survived every sampler. */
  kept_mass: number;
  /** True when the chain leaves one token only by rule (temperature ≤ 0): no random draw. */
  greedy: boolean;
}

/** Relative slack on a cumulative sum against its threshold, so 0.6 + 0.21 reaches 0.81. */
const REL_TOL = 1e-9;

/** Token ids by descending value, ties by the lower id, only entries > floor. */
function ranked(x: ArrayLike<number>, floor = -Infinity): number[] {
  const ids: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] > floor) ids.push(i);
  return ids.sort((a, b) => x[b] - x[a] || a - b);
}

/** Keep only `keep` (scores of the rest become -Infinity). */
function only(scores: Float64Array, keep: Iterable<number>): Float64Array {
  const out = new Float64Array(scores.length).fill(-Infinity);
  for (const i of keep) out[i] = scores[i];
  return out;
}

/** The shortest prefix of `order` whose probability reaches `target` of the total (at least one). */
function prefixReaching(probs: Float64Array, order: number[], target: number): number[] {
  const threshold = target * (1 - REL_TOL);
  let cum = 0;
  let n = 0;
  while (n < order.length) {
    cum += probs[order[n++]];
    if (cum >= threshold) break;
  }
  return order.slice(0, Math.max(1, n));
}

/** Tokens a repeated n-gram would complete: those that followed earlier copies of the last n − 1. */
export function bannedByNgram(context: readonly number[], n: number): Set<number> {
  const banned = new Set<number>();
  if (n < 1 || context.length < n - 1) return banned;
  const tail = context.slice(context.length - (n - 1));
  for (let i = 0; i + n - 1 < context.length; i++) {
    let same = true;
    for (let j = 0; j < n - 1 && same; j++) same = context[i + j] === tail[j];
    if (same) banned.add(context[i + n - 1]);
  }
  return banned;
}

/**
 * One sampler on scores (length V). `context` is the token ids so far (prompt and generated), which
 * the repetition penalty and the n-gram ban read.
 */
export function applySampler(id: SamplerId, scores: Float64Array, s: SamplerSettings, context: readonly number[]): Float64Array {
  switch (id) {
    case 'temperature': {
      if (s.temperature <= 0) return only(scores, [argmax(scores)]);
      return scores.map((z) => z / s.temperature);
    }
    case 'top_k':
      return only(scores, ranked(scores).slice(0, Math.max(1, Math.floor(s.top_k))));
    case 'top_p': {
      if (s.top_p >= 1) return scores.slice();
      const p = softmax(scores);
      return only(scores, prefixReaching(p, ranked(p, 0), s.top_p));
    }
    case 'min_p': {
      const p = softmax(scores);
      const floor = Math.min(1, Math.max(0, s.min_p)) * p[argmax(p)];
      return only(scores, ranked(p, 0).filter((i) => p[i] >= floor));
    }
    case 'typical_p': {
      if (s.typical_p >= 1) return scores.slice();
      const p = softmax(scores);
      const live = ranked(p, 0);
      // Entropy in nats: the expected surprise; typical tokens have a surprise −log p close to it.
      let h = 0;
      for (const i of live) h -= p[i] * Math.log(p[i]);
      const shift = new Float64Array(p.length).fill(Infinity);
      for (const i of live) shift[i] = Math.abs(-Math.log(p[i]) - h);
      const order = live.slice().sort((a, b) => shift[a] - shift[b] || a - b);
      return only(scores, prefixReaching(p, order, s.typical_p));
    }
    case 'repetition_penalty': {
      const out = scores.slice();
      if (s.repetition_penalty === 1) return out;
      for (const i of new Set(context)) {
        if (i < 0 || i >= out.length) continue;
        out[i] = out[i] < 0 ? out[i] * s.repetition_penalty : out[i] / s.repetition_penalty;
      }
      return out;
    }
    case 'no_repeat_ngram': {
      const out = scores.slice();
      const banned = bannedByNgram(context, Math.floor(s.no_repeat_ngram));
      // Banning every token would leave nothing to sample: then the ban yields.
      if (banned.size >= ranked(scores).length) return out;
      for (const i of banned) if (i >= 0 && i < out.length) out[i] = -Infinity;
      return out;
    }
  }
}

/** Tokens with probability > 0 and their total under `p`. */
function mass(p: Float64Array, of: Float64Array): { kept: number; mass: number } {
  let kept = 0;
  let m = 0;
  for (let i = 0; i < p.length; i++) {
    if (of[i] > 0) {
      kept++;
      m += p[i];
    }
  }
  return { kept, mass: m };
}

/**
 * The chain: each sampler of `order` in turn on the full vocabulary, then softmax (renormalised).
 *
 * @param logits length V, the model's raw next-token logits.
 * @param order the enabled samplers, in the order they run.
 */
export function runChain(logits: ArrayLike<number>, order: readonly SamplerId[], s: SamplerSettings, context: readonly number[] = []): Chain {
  const model = softmax(logits);
  let scores: Float64Array = Float64Array.from(logits);
  let before: Float64Array = model;
  const stages: Stage[] = [];
  for (const id of order) {
    scores = applySampler(id, scores, s, context);
    const probs = softmax(scores);
    const { kept, mass: m } = mass(before, probs);
    stages.push({ sampler: id, kept, kept_mass: m, probs });
    before = probs;
  }
  const final = stages.length ? stages[stages.length - 1].probs : model;
  return {
    model, stages, final,
    kept_mass: mass(model, final).mass,
    greedy: order.includes('temperature') && s.temperature <= 0,
  };
}

/** The final distribution's tokens as segments of [0, 1), most likely first (ties by lower id). */
export function segments(final: ArrayLike<number>): { id: number; start: number; end: number }[] {
  let cum = 0;
  return ranked(final, 0).map((id) => {
    const start = cum;
    cum += final[id];
    return { id, start, end: cum };
  });
}

/** The token whose segment holds u in [0, 1); rounding past the last segment gives the last token. */
export function pick(final: ArrayLike<number>, u: number): number {
  const segs = segments(final);
  for (const s of segs) if (u < s.end) return s.id;
  return segs[segs.length - 1].id;
}

/** A chosen token: greedy ones have no draw (u null). */
export interface Choice {
  id: number;
  u: number | null;
}

/** Greedy chains take the argmax without drawing; others draw exactly one u from `rng`. */
export function choose(chain: Chain, rng: Rng): Choice {
  if (chain.greedy) return { id: argmax(chain.final), u: null };
  const u = rng();
  return { id: pick(chain.final, u), u };
}
