/**
 * Token id → text for the whole vocabulary, read from the model's tokenizer.json with the same
 * byte-level decoding the adapter uses (src/model/bytes.ts), so a lens prediction such as id 262
 * shows as " the". The page needs every token's text because the lens can predict any of them,
 * while the model API only returns the input's tokens.
 */
import { bytesToText, tokenBytes } from '../../model/bytes';

interface TokenizerJson {
  model?: { vocab?: Record<string, number> };
  added_tokens?: { id: number; content: string }[];
}

export function vocabFrom(json: TokenizerJson, size: number): string[] {
  const out = new Array<string>(size).fill('');
  for (const [piece, id] of Object.entries(json.model?.vocab ?? {})) {
    if (id < 0 || id >= size) continue;
    const bytes = tokenBytes(piece);
    // A special token such as <|endoftext|> has no byte form: it is shown by name.
    out[id] = bytes === null ? piece : bytesToText(bytes);
  }
  for (const t of json.added_tokens ?? []) if (t.id >= 0 && t.id < size) out[t.id] = t.content;
  return out;
}

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
      .then((j) => vocabFrom(j, size));
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
