/**
 * What the tokenizer views share: counts, labels that make bytes and whitespace visible, the
 * one-line summaries and the width of a label in monospace columns. No DOM, no model.
 */
import { showToken } from '../tokens';
import { TOKENIZER_INFO, type PieceToken, type TokenizerName } from './tokenizers';

export interface Counts {
  /** Unicode code points, as `Array.from(text)` counts them: 👩‍👩‍👧 is 5. */
  characters: number;
  /** UTF-8 bytes. */
  bytes: number;
  tokens: number;
  /** characters ÷ tokens, 2 decimals; null for no tokens. */
  charsPerToken: number | null;
}

const utf8 = new TextEncoder();

export function countsOf(text: string, tokens: readonly unknown[]): Counts {
  let characters = 0;
  for (const _ of text) characters++;
  return {
    characters,
    bytes: utf8.encode(text).length,
    tokens: tokens.length,
    charsPerToken: tokens.length ? Math.round((characters / tokens.length) * 100) / 100 : null,
  };
}

export const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/**
 * A token as drawn: whitespace and controls visible (showToken); a token that is only part of
 * a character (its bytes do not decode alone) is shown as its bytes, e.g. ‹F0 9F›.
 */
export function tokenLabel(t: Pick<PieceToken, 'text' | 'bytes'>): string {
  if (t.text.includes('\uFFFD') && !hex(t.bytes).includes('EF BF BD')) return `‹${hex(t.bytes)}›`;
  return showToken(t.text);
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const ZERO = /\p{Mn}|\p{Me}|[\u200B-\u200F\uFE00-\uFE0F]|\p{Emoji_Modifier}/u;

/** Width of a label in monospace columns: CJK and emoji take two, joiners and marks none. */
export function columns(label: string): number {
  let n = 0;
  for (const ch of label) n += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return Math.max(1, n);
}

/** Right-to-left letters: a visible note says tokens are drawn in reading (logical) order. */
export const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export function rankText(tokenizer: TokenizerName, t: Pick<PieceToken, 'rank' | 'bytes'>): string {
  if (t.rank === null) return t.bytes.length === 1 ? 'a single byte (no merge)' : 'a special token (no merge)';
  return tokenizer === 'glassbox' ? `merge #${t.rank + 1} of the tokenizer’s merges` : `rank ${t.rank} (lower ranks merge first)`;
}

export function describeToken(tokenizer: TokenizerName, t: PieceToken, i: number, n: number): string {
  return `Token ${i + 1} of ${n}: “${tokenLabel(t)}”, id ${t.id}, bytes ${hex(t.bytes)}, ${rankText(tokenizer, t)}.`;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function summarize(tokenizer: TokenizerName, c: Counts): string {
  const name = `${TOKENIZER_INFO[tokenizer].label} (${TOKENIZER_INFO[tokenizer].usedBy})`;
  if (c.tokens === 0) return `${name}: there is no text, so there are no tokens.`;
  return (
    `${name} cuts ${fmt(c.characters)} character${c.characters === 1 ? '' : 's'} (${fmt(c.bytes)} bytes) into ` +
    `${fmt(c.tokens)} token${c.tokens === 1 ? '' : 's'}: ${c.charsPerToken} characters per token.`
  );
}
