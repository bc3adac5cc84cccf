/**
 * Byte-level byte-pair encoding, pure: GPT-2's pre-tokenizer split, its byte alphabet, replaying
 * a tokenizer's merges on a word one step at a time, and learning merges from a text.
 * The site model's tokenizer is this scheme (tokenizer.json: ByteLevel + BPE), so replaying its
 * merges here gives exactly the tokens transformers.js gives (tests/unit/model/bpe-replay.test.ts).
 * @see https://github.com/openai/gpt-2/blob/master/src/encoder.py
 */

/** GPT-2's split: merges never cross these chunk boundaries. Same as tiktoken's gpt2 `pat_str`. */
export const GPT2_SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export function pretokenize(text: string): string[] {
  return text.match(GPT2_SPLIT) ?? [];
}

/** GPT-2's printable stand-in for each byte (bytes_to_unicode): byte b ↦ BYTE_CHARS[b]. */
export const BYTE_CHARS: readonly string[] = (() => {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const out: string[] = [];
  let n = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(printable(b) ? b : 256 + n++);
  return out;
})();

const CHAR_BYTE = new Map(BYTE_CHARS.map((c, b) => [c, b]));
const encoder = new TextEncoder();

/** A chunk as byte-level symbols, one per UTF-8 byte: " is" → ["Ġ", "i", "s"]. */
export function byteSymbols(chunk: string): string[] {
  return Array.from(encoder.encode(chunk), (b) => BYTE_CHARS[b]);
}

/** UTF-8 bytes of a byte-level symbol string such as "Ġthe"; null if it is not one. */
export function symbolBytes(symbol: string): number[] | null {
  const out: number[] = [];
  for (const ch of symbol) {
    const b = CHAR_BYTE.get(ch);
    if (b === undefined) return null;
    out.push(b);
  }
  return out;
}

/** Merge pairs in rank order ([a, b] joins to a + b) → "a b" keyed ranks for fast lookup. */
export function rankTable(merges: readonly (readonly [string, string])[]): Map<string, number> {
  const ranks = new Map<string, number>();
  merges.forEach(([a, b], i) => {
    const key = `${a} ${b}`;
    if (!ranks.has(key)) ranks.set(key, i);
  });
  return ranks;
}

export interface MergeStep {
  /** 0-based rank of the merge in the tokenizer's list. */
  rank: number;
  pair: [string, string];
  /** How many places in the word this step joined. */
  count: number;
  /** The symbols after this step. */
  symbols: string[];
}

/**
 * Replay BPE on one chunk: repeatedly join the adjacent pair with the lowest rank, every
 * non-overlapping occurrence from left to right, until no pair has a rank. This is GPT-2's
 * `bpe()`; the list of steps is what the merge replay animates.
 */
export function replayMerges(symbols: readonly string[], ranks: ReadonlyMap<string, number>): MergeStep[] {
  let cur = [...symbols];
  const steps: MergeStep[] = [];
  while (cur.length > 1) {
    let best = Infinity;
    for (let i = 0; i < cur.length - 1; i++) {
      const r = ranks.get(`${cur[i]} ${cur[i + 1]}`);
      if (r !== undefined && r < best) best = r;
    }
    if (best === Infinity) break;
    const next: string[] = [];
    let count = 0;
    let pair: [string, string] = ['', ''];
    for (let i = 0; i < cur.length; i++) {
      if (i < cur.length - 1 && ranks.get(`${cur[i]} ${cur[i + 1]}`) === best) {
        pair = [cur[i], cur[i + 1]];
        next.push(cur[i] + cur[i + 1]);
        count++;
        i++;
      } else {
        next.push(cur[i]);
      }
    }
    cur = next;
    steps.push({ rank: best, pair, count, symbols: cur });
  }
  return steps;
}

/** The final symbols of a chunk after every merge. */
export function bpeChunk(chunk: string, ranks: ReadonlyMap<string, number>): string[] {
  const start = byteSymbols(chunk);
  const steps = replayMerges(start, ranks);
  return steps.length ? steps[steps.length - 1].symbols : start;
}

/** Byte-level BPE of a whole text: split, then merges within each chunk. */
export function bpeEncode(text: string, ranks: ReadonlyMap<string, number>): string[] {
  return pretokenize(text).flatMap((c) => bpeChunk(c, ranks));
}

export interface PairCount {
  pair: [string, string];
  count: number;
}

export interface TrainStep {
  /** 1-based merge number. */
  merge: number;
  /** The pairs with the highest counts before this merge, descending (ties: first seen). */
  top: PairCount[];
  /** The pair merged, and the new token a + b. */
  pair: [string, string];
  token: string;
  count: number;
  /** Every chunk's symbols after this merge, in text order (one entry per distinct chunk). */
  words: { symbols: string[]; count: number }[];
}

export interface TrainResult {
  /** The distinct chunks before any merge, as bytes. */
  start: { symbols: string[]; count: number }[];
  steps: TrainStep[];
}

/**
 * Learn up to `merges` BPE merges from `text`, as GPT-2's tokenizer was trained: split into
 * chunks, start from bytes, and repeatedly merge the most frequent adjacent pair (counted over
 * all chunks, weighted by how often each chunk occurs). Ties go to the pair seen first in the
 * text, so the result is deterministic. Stops early when every chunk is a single token.
 */
export function bpeTrain(text: string, merges: number, topN = 5): TrainResult {
  const counts = new Map<string, number>();
  for (const c of pretokenize(text)) counts.set(c, (counts.get(c) ?? 0) + 1);
  let words = [...counts].map(([c, count]) => ({ symbols: byteSymbols(c), count }));
  const start = words;
  const steps: TrainStep[] = [];
  for (let m = 1; m <= merges; m++) {
    const pairs = new Map<string, PairCount>();
    for (const w of words) {
      for (let i = 0; i < w.symbols.length - 1; i++) {
        const a = w.symbols[i];
        const b = w.symbols[i + 1];
        const key = `${a} ${b}`;
        const p = pairs.get(key);
        if (p) p.count += w.count;
        else pairs.set(key, { pair: [a, b], count: w.count });
      }
    }
    if (pairs.size === 0) break;
    // Map iteration is insertion order, i.e. first seen in the text: a stable sort keeps it for ties.
    const ranked = [...pairs.values()].sort((x, y) => y.count - x.count);
    const best = ranked[0];
    const [a, b] = best.pair;
    words = words.map((w) => {
      const out: string[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i < w.symbols.length - 1 && w.symbols[i] === a && w.symbols[i + 1] === b) {
          out.push(a + b);
          i++;
        } else out.push(w.symbols[i]);
      }
      return { symbols: out, count: w.count };
    });
    steps.push({ merge: m, top: ranked.slice(0, topN), pair: [a, b], token: a + b, count: best.count, words });
  }
  return { start, steps };
}
