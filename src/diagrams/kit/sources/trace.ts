/**
 * Data source: the model's trace of the reader's text, through the page-wide memo of
 * `getModel().trace` (src/model/client.ts), so views that show one sentence share one forward
 * pass. Only the newest request's answer is delivered (older ones resolve to undefined), so a
 * slow answer never overwrites a newer one. Also the notes a traced view adds: a query token past
 * the end of the text, and a text cut to the model's context.
 */
import type { Trace } from '../../../model/types';
import type { LiveModel } from '../live';
import type { NumbersOrigin } from '../status';

/** What a view shows: the example or a live trace, for which text and tokens. */
export interface Origin extends NumbersOrigin {
  truncated: boolean;
  tokens: { id: number; text: string }[];
}

/** The origin of a live trace's numbers. */
export function traceOrigin(tr: Pick<Trace, 'model' | 'text' | 'truncated' | 'tokens'>): Origin {
  const tokens = tr.tokens.map(({ id, text }) => ({ id, text }));
  return { kind: 'model', model: { id: tr.model.id, version: tr.model.version }, text: tr.text, truncated: tr.truncated, tokens };
}

/** The origin of a build-time example's numbers. */
export function exampleOrigin(ex: Omit<Origin, 'kind'>): Origin {
  return { kind: 'example', model: ex.model, text: ex.text, truncated: ex.truncated, tokens: ex.tokens };
}

/** The fields every traced view's export starts with: where its numbers come from. */
export function exportHead(o: Origin | null) {
  return { source: o?.kind ?? 'example', model: o?.model, text: o?.text, truncated: o?.truncated ?? false, tokens: o?.tokens ?? [] };
}

/**
 * The export head of a build-time example, as the build.ts files write it: the model, text and
 * tokens copied to just their ids and texts, so the page embeds nothing else the JSON held.
 */
export function exampleHead(ex: { model: { id: string; version: string }; text: string; truncated?: boolean; tokens: { id: number; text: string }[] }) {
  return {
    source: 'example' as const,
    model: { id: ex.model.id, version: ex.model.version },
    text: ex.text,
    truncated: ex.truncated ?? false,
    tokens: ex.tokens.map(({ id, text }) => ({ id, text })),
  };
}

/** Full traces only: a full trace answers every view of the page, a subset would not (see TraceMemo). */
export function traceSource(live: LiveModel): (text: string) => Promise<Trace | undefined> {
  // The model the live part loaded: the version a link pins while it is served, else the current one.
  return live.latest((model, text: string) => model.trace(text));
}

/** A 1-based token within a text of `count` tokens, and the note when the link's was past the end. */
export function clampToken(token: number, count: number): { token: number; note?: string } {
  if (count === 0 || token <= count) return { token };
  return { token: count, note: `token: ${token} is past the end of the text (${count} tokens); using ${count}.` };
}

/** The note for a text longer than the model's context (in tokens); none when it fits. */
export function truncationNotes(tr: Pick<Trace, 'truncated' | 'model'>): string[] {
  const n = tr.model.nPositions;
  return tr.truncated ? [`Your text is longer than the model's context of ${n} tokens, so it reads only the first ${n}.`] : [];
}
