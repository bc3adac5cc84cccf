/**
 * OpenAI's encodings through js-tiktoken. The rank files (0.5–2.3 MB each) are separate chunks
 * that Vite bundles and the site serves; each is imported only when a reader picks it. Runs in
 * tiktoken.worker.ts in the page and directly in Node (build-time examples, tests).
 */
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { TIKTOKEN_VERSION, TOKENIZER_INFO, type OpenAiName, type PieceToken, type Tokenized } from './tokenizers';

const RANKS: Record<OpenAiName, () => Promise<{ default: TiktokenBPE }>> = {
  gpt2: () => import('js-tiktoken/ranks/gpt2'),
  cl100k: () => import('js-tiktoken/ranks/cl100k_base'),
  o200k: () => import('js-tiktoken/ranks/o200k_base'),
};

const loaded = new Map<OpenAiName, Promise<Tiktoken>>();

function load(name: OpenAiName): Promise<Tiktoken> {
  let p = loaded.get(name);
  if (!p) {
    p = RANKS[name]().then((m) => new Tiktoken(m.default));
    p.catch(() => loaded.delete(name));
    loaded.set(name, p);
  }
  return p;
}

/**
 * js-tiktoken keeps each token's bytes in `textMap` (rank → bytes) but exposes only whole-text
 * decode, which loses the bytes of a token that ends inside a character. Read the map directly;
 * the version is pinned and tests/unit/diagrams/tokenizer-encoders.test.ts checks it exists.
 */
function bytesOf(enc: Tiktoken): (id: number) => Uint8Array | undefined {
  const map = (enc as unknown as { textMap?: Map<number, Uint8Array> }).textMap;
  if (!(map instanceof Map)) throw new Error(`js-tiktoken ${TIKTOKEN_VERSION}: token bytes are not available`);
  return (id) => map.get(id);
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export async function tiktokenize(name: OpenAiName, text: string): Promise<Tokenized> {
  return encodeWith(await load(name), name, text);
}

/** Tokens of `text` under an encoder already built from `name`'s ranks (sync: build time uses it). */
export function encodeWith(enc: Tiktoken, name: OpenAiName, text: string): Tokenized {
  const bytes = bytesOf(enc);
  // No special tokens: "<|endoftext|>" in the reader's text is encoded as ordinary text.
  const ids = text === '' ? [] : enc.encode(text, [], []);
  const tokens: PieceToken[] = ids.map((id) => {
    const b = Array.from(bytes(id) ?? []);
    return { id, text: decoder.decode(new Uint8Array(b)), bytes: b, rank: b.length > 1 ? id : null };
  });
  return { tokenizer: name, model: { id: TOKENIZER_INFO[name].encoding, version: `js-tiktoken ${TIKTOKEN_VERSION}` }, text, tokens };
}
