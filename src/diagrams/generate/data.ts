/**
 * The generation's export: the seeded loop of src/math/generation.ts over the model (through the
 * KV cache: each step asks for one more token than the last), each step with the chosen token, its
 * probability, the top candidates and the draw u. Forks are part of the state as `step:id` pairs,
 * so a link reproduces a forked text too.
 */
import { generate, type Step } from '../../math/generation';
import { parseOrder, settingsOf, type SamplerState } from '../kit/decoding/fields';
import { bodyHead, type BodyHead, type PromptLogits } from '../kit/decoding/source';
import { quote } from '../kit/state';

export interface GenCandidate {
  id: number;
  text: string;
  p_model: number;
  p_final: number;
}

export interface GenStep {
  position: number;
  chosen: { id: number; text: string; p_final: number; p_model: number };
  top: GenCandidate[];
  u: number | null;
  forked: boolean;
}

export interface GenerateBody extends BodyHead {
  steps: GenStep[];
}

export type GenerateState = SamplerState & { text: string; steps: number; forks: string };

/** `forks` as step → token id: "3:1234,7:55" (0-based steps). Bad pairs are dropped with a note. */
export function parseForks(raw: string, vocabSize: number): { forks: Map<number, number>; notes: string[] } {
  const forks = new Map<number, number>();
  const notes: string[] = [];
  for (const pair of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+):(\d+)$/.exec(pair);
    if (!m || Number(m[2]) >= vocabSize) notes.push(`forks: ${quote(pair)} is not step:token; it was left out.`);
    else forks.set(Number(m[1]), Number(m[2]));
  }
  return { forks, notes };
}

/** Forks written back, by step, dropping those at or after `from`. */
export function formatForks(forks: ReadonlyMap<number, number>, from = Infinity): string {
  return [...forks].filter(([s]) => s < from).sort((a, b) => a[0] - b[0]).map(([s, id]) => `${s}:${id}`).join(',');
}

type Prompt = Pick<PromptLogits, 'model' | 'text' | 'truncated' | 'tokens' | 'ids' | 'logitsOf'>;

export async function generateBody(p: Prompt, state: GenerateState, decode: (id: number) => string, source: BodyHead['source'], onStep?: (s: Step) => void): Promise<GenerateBody> {
  const steps = await generate(p.logitsOf, p.ids, {
    order: parseOrder(state.order).order,
    settings: settingsOf(state),
    seed: state.seed,
    steps: state.steps,
    forks: parseForks(state.forks, p.model.vocabSize).forks,
    eos: p.model.eosTokenId,
    onStep,
  });
  const cand = (c: { id: number; p_model: number; p_final: number }): GenCandidate => ({ id: c.id, text: decode(c.id), p_model: c.p_model, p_final: c.p_final });
  return {
    ...bodyHead(p, source),
    steps: steps.map((s) => ({ position: s.position, chosen: cand(s.chosen), top: s.top.map(cand), u: s.u, forked: s.forked })),
  };
}
