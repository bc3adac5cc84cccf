/**
 * Where a tokenization view's tokens come from, as it tells the reader and its links: the source
 * line under the controls, the site model that copied links name, and the note when a link named
 * another version of it. Only the Glassbox tokenizer's ids depend on the site model's version; the
 * OpenAI encodings are fixed (js-tiktoken is pinned), so a view of them names no model.
 */
import { formatPin, stalePinNote, type ModelPin } from '../link';
import type { Tokenized } from './tokenizers';

/** The source line: "live" once the tokenizer ran in the page, "example" while the build's is shown. */
export function showSource(line: HTMLElement, kind: 'live' | 'example', text: string): void {
  line.textContent = text;
  line.dataset.kind = kind;
}

/** The site model behind these tokens, if any. */
export function modelPin(t: Pick<Tokenized, 'tokenizer' | 'model'> | undefined): ModelPin | null {
  return t?.tokenizer === 'glassbox' ? { id: t.model.id, version: t.model.version } : null;
}

/** The note for a link that named a model version other than the one shown. */
export function staleNotes(pin: ModelPin | null, shown: ModelPin | null): string[] {
  return pin && shown && formatPin(pin) !== formatPin(shown) ? [stalePinNote(pin, shown)] : [];
}
