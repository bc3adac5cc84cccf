/**
 * The decoding chapter's shared state: one field per sampler parameter, the chain's order and the
 * seed, with the bounds the URL parser clamps to (a link's temperature −1 becomes 0, top_p 1.5
 * becomes 1, top_k 0 becomes 1, a seed of 1.5 the default, each with a note), and the helpers that
 * turn a state into the pure chain's settings (src/math/decoding.ts).
 */
import { NEUTRAL, SAMPLERS, type SamplerId, type SamplerSettings } from '../../../math/decoding';
import type { StateSchema } from '../schema';
import { quote } from '../state';

/** The tutorial's parameters, as its `generate(...)` call names them. */
export const SAMPLER_FIELDS = {
  temperature: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.8, label: 'temperature' },
  top_k: { kind: 'int', min: 1, max: 200, default: 50, label: 'top_k' },
  top_p: { kind: 'number', min: 0.01, max: 1, step: 0.01, default: 0.9, label: 'top_p' },
  min_p: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.05, label: 'min_p' },
  typical_p: { kind: 'number', min: 0.01, max: 1, step: 0.01, default: 0.9, label: 'typical_p' },
  repetition_penalty: { kind: 'number', min: 1, max: 3, step: 0.05, default: 1.3, label: 'repetition_penalty' },
  no_repeat_ngram: { kind: 'int', min: 1, max: 6, default: 3, label: 'no_repeat_ngram_size' },
  order: { kind: 'string', maxLength: 200, default: 'temperature,top_k,top_p', label: 'order' },
  seed: { kind: 'int', min: 0, max: 2 ** 31 - 1, default: 42, label: 'seed' },
} as const satisfies StateSchema;

export const TEXT_FIELD = { kind: 'string', maxLength: 2000, default: 'The man was', label: 'prompt' } as const;

export type SamplerState = {
  temperature: number; top_k: number; top_p: number; min_p: number; typical_p: number;
  repetition_penalty: number; no_repeat_ngram: number; order: string; seed: number;
};

/** What each sampler is called on screen, and its parameter's field. */
export const SAMPLER_LABELS: Record<SamplerId, string> = {
  repetition_penalty: 'Repetition penalty',
  no_repeat_ngram: 'No repeated n-gram',
  temperature: 'Temperature',
  top_k: 'Top-k',
  top_p: 'Top-p (nucleus)',
  min_p: 'Min-p',
  typical_p: 'Typical-p',
};

/** `order` as sampler ids: unknown names and repeats are dropped, each with a note. */
export function parseOrder(raw: string): { order: SamplerId[]; notes: string[] } {
  const order: SamplerId[] = [];
  const notes: string[] = [];
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(SAMPLERS as readonly string[]).includes(name)) notes.push(`order: ${quote(name)} is not a sampler (${SAMPLERS.join(', ')}); it was left out.`);
    else if (order.includes(name as SamplerId)) notes.push(`order: ${name} was listed twice; it runs once, at its first place.`);
    else order.push(name as SamplerId);
  }
  return { order, notes };
}

/** The enabled samplers in order, then the others in the default order: the controls' rows. */
export function rowsOf(order: readonly SamplerId[]): { id: SamplerId; on: boolean }[] {
  return [...order.map((id) => ({ id, on: true })), ...SAMPLERS.filter((id) => !order.includes(id)).map((id) => ({ id, on: false }))];
}

export function settingsOf(s: SamplerState): SamplerSettings {
  return { ...NEUTRAL, ...s };
}

/** True when the chain is greedy: temperature 0 and enabled. */
export function isGreedy(s: SamplerState): boolean {
  return s.temperature <= 0 && parseOrder(s.order).order.includes('temperature');
}

/** The visible note for a greedy state: what temperature 0 means. */
export const GREEDY_NOTE = 'Temperature 0 means greedy decoding: the most likely token is always taken, so there is no random draw and the seed changes nothing.';

/** The state with its order written canonically (the notes say what was dropped). */
export function resolveOrder<S extends { order: string }>(state: S): { state: S; notes: string[] } {
  const { order, notes } = parseOrder(state.order);
  return { state: { ...state, order: order.join(',') }, notes };
}

/** A sampler's value as its control shows it. */
export function showSetting(id: SamplerId, s: SamplerSettings): string {
  const v = s[id];
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
