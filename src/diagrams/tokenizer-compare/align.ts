/**
 * Aligning several tokenizations of one text by character span. A token's span is where its
 * bytes start and end in the text, in code points; a token that ends inside a character (part
 * of an emoji's UTF-8) ends at a fraction of it. Places where one tokenizer starts a token and
 * another does not are the disagreements the comparison highlights. Pure.
 */
import { columns } from '../kit/tokenizers/view';

export interface Span {
  /** Code-point offsets, fractional inside a multi-byte character. */
  start: number;
  end: number;
}

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Byte offset → code-point offset, for every byte offset 0…bytes of the text. */
export function bytePositions(text: string): number[] {
  const pos: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    for (let k = 0; k < n; k++) pos.push(i + k / n);
    i++;
  }
  pos.push(i);
  return pos;
}

export function spans(text: string, tokens: readonly { bytes: readonly number[] }[]): Span[] {
  const pos = bytePositions(text);
  const last = pos.length - 1;
  let b = 0;
  return tokens.map((t) => {
    const start = pos[Math.min(b, last)];
    b += t.bytes.length;
    return { start, end: pos[Math.min(b, last)] };
  });
}

/** Token starts (after 0) that not every tokenization shares, as sorted code-point offsets. */
export function disagreements(all: readonly Span[][]): number[] {
  const seen = new Map<number, number>();
  for (const row of all) for (const s of row) if (s.start > 0) seen.set(s.start, (seen.get(s.start) ?? 0) + 1);
  return [...seen].filter(([, n]) => n < all.length).map(([p]) => p).sort((a, b) => a - b);
}

/** Where each code point is drawn: its line and first column, wrapping at `width` columns. */
export interface Grid {
  line: number[];
  col: number[];
  cols: number[];
  lines: number;
}

export function grid(text: string, width: number): Grid {
  const g: Grid = { line: [], col: [], cols: [], lines: 0 };
  let line = 0;
  let col = 0;
  for (const ch of text) {
    const w = ch === '\n' || ch === '\t' ? 1 : columns(ch);
    if (col > 0 && col + w > width) {
      line++;
      col = 0;
    }
    g.line.push(line);
    g.col.push(col);
    g.cols.push(w);
    col += w;
    if (ch === '\n') {
      line++;
      col = 0;
    }
  }
  g.lines = g.line.length ? line + (col > 0 ? 1 : 0) : 0;
  return g;
}

export interface Segment {
  line: number;
  /** Columns, fractional where a span starts or ends inside a character. */
  x0: number;
  x1: number;
}

/** A span cut into one segment per line it covers. */
export function segments(span: Span, g: Grid): Segment[] {
  const out: Segment[] = [];
  const n = g.line.length;
  for (let i = Math.floor(span.start); i < Math.min(n, Math.ceil(span.end)); i++) {
    const a = Math.max(span.start, i) - i;
    const b = Math.min(span.end, i + 1) - i;
    const x0 = g.col[i] + a * g.cols[i];
    const x1 = g.col[i] + b * g.cols[i];
    const prev = out[out.length - 1];
    if (prev && prev.line === g.line[i] && Math.abs(prev.x1 - x0) < 1e-9) prev.x1 = x1;
    else out.push({ line: g.line[i], x0, x1 });
  }
  return out;
}
