/**
 * Token id → text for the whole vocabulary, read from the model's tokenizer.json with the same
 * byte-level decoding the adapter uses (src/model/bytes.ts), so a lens prediction such as id 262
 * shows as " the". The page needs every token's text because the lens can predict any of them,
 * while the model API only returns the input's tokens.
 */
import { vocabTexts, type TokenizerJson } from '../../../model/weights';

const cache = new Map<string, Promise<string[]>>();

/** `base` is the site's BASE_URL with a trailing slash. */
export function loadVocab(base: string, id: string, size: number): Promise<string[]> {
  let p = cache.get(id);
  if (!p) {
    p = fetch(`${base}models/${encodeURIComponent(id)}/tokenizer.json`)
      .then((r) => {
        if (!r.ok) throw new Error(`tokenizer.json: HTTP ${r.status}`);
        return r.json() as Promise<TokenizerJson>;
      })
      .then((j) => vocabTexts(j, size));
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
