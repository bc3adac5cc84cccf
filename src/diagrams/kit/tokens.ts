/**
 * How a token's text is shown: whitespace and invisible characters get visible stand-ins, so
 * " the" reads "␣the" and a newline token is not an empty bar label.
 */

const SPECIAL: Record<string, string> = {
  ' ': '␣',
  '\n': '↵',
  '\r': '␍',
  '\t': '⇥',
  '\u00a0': '⍽',
  '\u007f': '␡',
};

// Zero-width and direction characters would otherwise be invisible or reorder the label.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function showToken(text: string): string {
  if (text === '') return '∅';
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (SPECIAL[ch]) out += SPECIAL[ch];
    else if (code < 0x20) out += String.fromCodePoint(0x2400 + code); // C0 control pictures
    else if ((code >= 0x80 && code < 0xa0) || INVISIBLE.test(ch)) out += `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
    else out += ch;
  }
  return out;
}

/** A probability as a percentage: one decimal, or two significant digits below 0.1 %. */
export function percent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  const v = p * 100;
  if (v !== 0 && Math.abs(v) < 0.1) return `${v.toPrecision(2)}%`;
  return `${v.toFixed(1)}%`;
}

/** The end of a long text for a one-line summary, e.g. "…sat on the". */
export function tail(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  return chars.length > max ? '…' + chars.slice(-max).join('').trimStart() : chars.join('');
}
