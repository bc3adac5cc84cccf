/**
 * The merge replay's data: a word split as the tokenizer splits it (GPT-2 chunks), each chunk
 * as bytes, then every merge the tokenizer applies, in rank order, one per step. Pure, so the
 * build-time example, the page and the tests compute it the same way.
 */
import { byteSymbols, pretokenize, replayMerges, symbolBytes } from '../../../math/bpe';

export interface Piece {
  /** Byte offset of the piece's first byte in the word: a stable key across steps. */
  at: number;
  /** Which GPT-2 chunk it belongs to (merges never cross chunks). */
  chunk: number;
  bytes: number[];
}

export interface ReplayStep {
  /** 0-based rank of the merge in tokenizer.json. */
  rank: number;
  chunk: number;
  /** The two pieces joined, as bytes. */
  left: number[];
  right: number[];
  /** How many places in the chunk this merge joined at once. */
  count: number;
}

export interface Replay {
  word: string;
  chunks: string[];
  /** pieces[k]: the word after k steps; pieces[0] is bytes, the last is the final tokens. */
  pieces: Piece[][];
  steps: ReplayStep[];
}

function toPieces(symbols: readonly string[][], offsets: number[]): Piece[] {
  const out: Piece[] = [];
  symbols.forEach((syms, c) => {
    let at = offsets[c];
    for (const s of syms) {
      const bytes = symbolBytes(s) ?? [];
      out.push({ at, chunk: c, bytes });
      at += bytes.length;
    }
  });
  return out;
}

export function buildReplay(word: string, ranks: ReadonlyMap<string, number>): Replay {
  const chunks = pretokenize(word);
  const offsets: number[] = [];
  let at = 0;
  for (const c of chunks) {
    offsets.push(at);
    at += new TextEncoder().encode(c).length;
  }
  const current = chunks.map(byteSymbols);
  const perChunk = current.map((syms) => replayMerges(syms, ranks));
  // Interleave the chunks' merges by rank: within a chunk ranks only grow, so this is the
  // order a single pass over the merge list would apply them in.
  const order = perChunk
    .flatMap((steps, c) => steps.map((s, k) => ({ c, k, rank: s.rank })))
    .sort((a, b) => a.rank - b.rank || a.c - b.c);
  const pieces: Piece[][] = [toPieces(current, offsets)];
  const steps: ReplayStep[] = [];
  for (const { c, k } of order) {
    const s = perChunk[c][k];
    current[c] = s.symbols;
    steps.push({ rank: s.rank, chunk: c, left: symbolBytes(s.pair[0]) ?? [], right: symbolBytes(s.pair[1]) ?? [], count: s.count });
    pieces.push(toPieces(current, offsets));
  }
  return { word, chunks, pieces, steps };
}
