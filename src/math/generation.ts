/**
 * Loops over the model: seeded step-by-step generation with the sampler chain (decoding.ts), beam
 * search, and many samples merged into a tree. The model comes in as `logitsOf(ids)`, the raw
 * next-token logits after a sequence of token ids, so this stays pure and tests can feed it a
 * table; the site feeds it the model worker (which keeps a KV cache per sequence).
 */
import { choose, runChain, type SamplerId, type SamplerSettings } from './decoding';
import { mulberry32 } from './sampling';
import { logSoftmax } from './softmax';

/** Length V: the next-token logits after `ids`. */
export type LogitsOf = (ids: readonly number[]) => Promise<ArrayLike<number>>;

export interface Candidate {
  id: number;
  p_model: number;
  p_final: number;
}

export interface Step {
  /** 1-based index of the generated token in the whole sequence (prompt included). */
  position: number;
  chosen: Candidate;
  /** The `top` most likely tokens under the model, with their final probabilities. */
  top: Candidate[];
  /** The uniform draw; null for a greedy step. */
  u: number | null;
  /** True when the reader chose this token instead of the draw. */
  forked: boolean;
}

export interface GenerateOptions {
  order: readonly SamplerId[];
  settings: SamplerSettings;
  seed: number;
  /** How many tokens to generate. */
  steps: number;
  /** Step index (0-based) → the token id the reader chose there instead of the draw. */
  forks?: ReadonlyMap<number, number>;
  /** Generation stops after this token. */
  eos?: number;
  /** Candidates kept per step. Default 10. */
  top?: number;
  /** Called after each step, e.g. to time it or draw progress. */
  onStep?: (step: Step) => void;
}

function candidate(id: number, model: ArrayLike<number>, final: ArrayLike<number>): Candidate {
  return { id, p_model: model[id], p_final: final[id] };
}

/** The k most likely ids of `p`, ties by lower id. */
function topIds(p: ArrayLike<number>, k: number): number[] {
  const ids = Array.from({ length: p.length }, (_, i) => i);
  return ids.sort((a, b) => p[b] - p[a] || a - b).slice(0, k);
}

/**
 * Generation with one seeded stream: each sampled step draws one u (also when the reader forks
 * it, so the steps after a fork use the same draws they would have), greedy steps draw none.
 */
export async function generate(logitsOf: LogitsOf, prompt: readonly number[], o: GenerateOptions): Promise<Step[]> {
  const rng = mulberry32(o.seed);
  const seq = [...prompt];
  const steps: Step[] = [];
  for (let s = 0; s < o.steps; s++) {
    const chain = runChain(await logitsOf(seq), o.order, o.settings, seq);
    const choice = choose(chain, rng);
    const fork = o.forks?.get(s);
    const id = fork ?? choice.id;
    const step: Step = {
      position: seq.length + 1,
      chosen: candidate(id, chain.model, chain.final),
      top: topIds(chain.model, o.top ?? 10).map((i) => candidate(i, chain.model, chain.final)),
      u: choice.u,
      forked: fork !== undefined && fork !== choice.id,
    };
    steps.push(step);
    o.onStep?.(step);
    seq.push(id);
    if (id === o.eos) break;
  }
  return steps;
}

export interface BeamNode {
  /** Generated ids from the prompt to this node. */
  tokens: number[];
  /** The node's parent in this list; -1 for the first step's candidates. */
  parent: number;
  /** 1-based step. */
  step: number;
  /** This token's log-probability, nats. */
  logp: number;
  /** Sum of log-probabilities from the prompt, nats. */
  score: number;
  /** Kept among the `width` best of its step; the others are pruned. */
  kept: boolean;
}

export interface Beam {
  tokens: number[];
  /** Sum of log-probabilities, nats. */
  logp: number;
  /** logp / length^lengthPenalty, the rank beam search returns. */
  score: number;
}

export interface BeamResult {
  nodes: BeamNode[];
  /** The surviving beams, best score first. */
  beams: Beam[];
}

/**
 * Beam search as in Hugging Face's `num_beams` (without early stopping): at each step every live
 * beam proposes its `width` most likely next tokens, and the `width` best sums of log-probability
 * survive. A beam that produced `eos` is finished and not extended. The final rank divides each
 * sum by its length (generated tokens) raised to `lengthPenalty`: above 0 favours longer beams.
 */
export async function beamSearch(
  logitsOf: LogitsOf,
  prompt: readonly number[],
  o: { width: number; steps: number; lengthPenalty: number; eos?: number },
): Promise<BeamResult> {
  const nodes: BeamNode[] = [];
  let live: number[] = [-1];
  for (let step = 1; step <= o.steps && live.length; step++) {
    const proposed: number[] = [];
    for (const parent of live) {
      const tokens = parent < 0 ? [] : nodes[parent].tokens;
      const logp = logSoftmax(await logitsOf([...prompt, ...tokens]));
      for (const id of topIds(logp, o.width)) {
        const score = (parent < 0 ? 0 : nodes[parent].score) + logp[id];
        proposed.push(nodes.push({ tokens: [...tokens, id], parent, step, logp: logp[id], score, kept: false }) - 1);
      }
    }
    proposed.sort((a, b) => nodes[b].score - nodes[a].score || a - b);
    for (const i of proposed.slice(0, o.width)) nodes[i].kept = true;
    live = proposed.slice(0, o.width).filter((i) => nodes[i].tokens[nodes[i].tokens.length - 1] !== o.eos);
  }
  // A beam ends where the search stopped, or earlier where it produced eos.
  const last = nodes.reduce((m, n) => Math.max(m, n.step), 0);
  const ends = nodes.filter((n) => n.kept && (n.step === last || n.tokens[n.tokens.length - 1] === o.eos));
  const beams = ends
    .map((n) => ({ tokens: n.tokens, logp: n.score, score: n.score / Math.pow(n.tokens.length, o.lengthPenalty) }))
    .sort((a, b) => b.score - a.score);
  return { nodes, beams };
}

export interface TreeNode {
  id: number;
  /** How many samples passed through this node. */
  count: number;
  children: TreeNode[];
}

/** Merge samples (each a list of ids) into a prefix tree; children by descending count, then id. */
export function mergeSamples(samples: readonly (readonly number[])[]): TreeNode[] {
  const root: TreeNode = { id: -1, count: 0, children: [] };
  for (const s of samples) {
    let node = root;
    for (const id of s) {
      let child = node.children.find((c) => c.id === id);
      if (!child) node.children.push((child = { id, count: 0, children: [] }));
      child.count++;
      node = child;
    }
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => b.count - a.count || a.id - b.id);
    n.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

/**
 * `n` samples of `length` tokens from one prompt, one seeded stream, drawn level by level: every
 * sample's first token, then every second token, and so on. The model is asked once per distinct
 * prefix per level (`batchOf` gets each once), so `batchOf` may split the work and report progress.
 */
export async function drawSamples(
  batchOf: (seqs: number[][]) => Promise<ArrayLike<number>[]>,
  prompt: readonly number[],
  o: { n: number; length: number; order: readonly SamplerId[]; settings: SamplerSettings; seed: number; eos?: number },
): Promise<number[][]> {
  const rng = mulberry32(o.seed);
  const samples: number[][] = Array.from({ length: o.n }, () => []);
  for (let t = 0; t < o.length; t++) {
    const open = samples.filter((s) => s[s.length - 1] !== o.eos || s.length === 0);
    const keys = [...new Set(open.map((s) => s.join(',')))];
    const logits = await batchOf(keys.map((k) => [...prompt, ...(k ? k.split(',').map(Number) : [])]));
    // One chain per distinct prefix: the samples sharing it differ only in their draw.
    const chains = new Map(keys.map((k, i) => [k, runChain(logits[i], o.order, o.settings, [...prompt, ...(k ? k.split(',').map(Number) : [])])]));
    for (const s of open) s.push(choose(chains.get(s.join(','))!, rng).id);
  }
  return samples;
}
