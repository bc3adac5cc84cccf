/**
 * Links that stay true (DESIGN.md §1): a copied link or embed writes every state key, defaults
 * included, and names the model whose numbers it shows as `model=<id>@<version>`. A default that
 * changes later (a new example sentence, a retrained model's shape) then cannot change what an old
 * link shows, and a link made with a model the site no longer serves can say so.
 */
import type { StateOf, StateSchema } from './schema';
import { compactExponent, quote } from './state';

export const MODEL_PARAM = 'model';

/** A model as links name it: its catalogue id and version (models.json). */
export interface ModelPin {
  id: string;
  version: string;
}

// Ids are kebab-case; versions are dates, semver or hashes: letters, digits, ".", "_", "+", "-".
const PIN_RE = /^([a-z0-9][a-z0-9._-]{0,99})@([A-Za-z0-9][A-Za-z0-9._+-]{0,99})$/;

export function formatPin(m: ModelPin): string {
  return `${m.id}@${m.version}`;
}

/** Read a `model` parameter; a malformed one is dropped with a note, never thrown. */
export function parsePin(raw: string | null | undefined): { pin: ModelPin | null; note?: string } {
  if (raw === null || raw === undefined) return { pin: null };
  const m = PIN_RE.exec(raw.trim());
  if (!m) return { pin: null, note: `model: ${quote(raw)} is not of the form <id>@<version>; showing the current model.` };
  return { pin: { id: m[1], version: m[2] } };
}

/** Every state key in schema order, defaults included, then `model=<id>@<version>` when given. */
export function fullQuery<S extends StateSchema>(state: Partial<StateOf<S>>, schema: S, model: ModelPin | null): string {
  const parts: string[] = [];
  for (const [k, f] of Object.entries(schema)) {
    const v = (state as Record<string, unknown>)[k] ?? f.default;
    const text = f.kind === 'log' && typeof v === 'number' ? compactExponent(v) : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(text)}`);
  }
  // "@" is left as is: it is legal in a query and keeps the link readable.
  if (model) parts.push(`${MODEL_PARAM}=${encodeURIComponent(formatPin(model)).replace('%40', '@')}`);
  return parts.join('&');
}

/** The note for a view that shows `current` although its link named `pin` (views without a LiveModel). */
export function stalePinNote(pin: ModelPin, current: ModelPin): string {
  return `This link was made with ${pin.id} version ${pin.version}, which this view no longer shows; showing the current model (${current.id} version ${current.version}).`;
}
