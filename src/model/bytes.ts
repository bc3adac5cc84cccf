/**
 * GPT-2's byte-level alphabet: every byte maps to a printable character in the vocabulary.
 * We invert it to recover each token's exact UTF-8 bytes.
 * @see https://github.com/openai/gpt-2/blob/master/src/encoder.py (bytes_to_unicode)
 */
function bytesToUnicode(): Map<number, string> {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  return new Map(bs.map((b, i) => [b, String.fromCodePoint(cs[i])]));
}

const UNICODE_TO_BYTE: Map<string, number> = new Map([...bytesToUnicode()].map(([b, c]) => [c, b]));

/** UTF-8 bytes of a byte-level BPE token string such as "Ġthe"; null for special tokens. */
export function tokenBytes(token: string): number[] | null {
  const out: number[] = [];
  for (const ch of token) {
    const b = UNICODE_TO_BYTE.get(ch);
    if (b === undefined) return null;
    out.push(b);
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Text of one token alone; a token that ends inside a multi-byte character shows U+FFFD. */
export function bytesToText(bytes: number[]): string {
  return decoder.decode(new Uint8Array(bytes));
}
