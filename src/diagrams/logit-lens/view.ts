/**
 * What the logit-lens view draws and exports: for every row (0 = the stream before any block,
 * l = after block l) and every token, the top 5 tokens the lens decodes with their probabilities.
 * Plus the one-line summary. Pure and DOM-free.
 */
import { lensTop, type FinalNorm, type Unembedding } from '../../math/logit-lens';
import type { TensorF32 } from '../../model/tensor';
import type { Chart, ChartOptions } from '../kit/chart';
import { percent, showToken } from '../kit/tokens';

export interface LensCell {
  id: number;
  text: string;
  /** Probability under the lens, over the whole vocabulary (0..1). */
  p: number;
}

export interface LensView {
  text: string;
  tokens: { id: number; text: string }[];
  /** [row][token] → top 5, most likely first; row 0 is embedding + position, the last row the model's output. */
  lens: LensCell[][][];
}

export interface LensOptions extends ChartOptions {
  /** Selected row (0..L) and token (0-based); clamped to the data. */
  layer?: number;
  token?: number;
  /** The reader hovered, tapped or arrowed to a cell. */
  onSelect?: (layer: number, token: number) => void;
}

export type LensChart = Chart<LensView, LensOptions>;

/** How each row is named: "embedding" for row 0, "layer l" after block l, with "(output)" on the last. */
export function rowName(row: number, rows: number): string {
  if (row === 0) return 'embedding';
  return row === rows - 1 ? `layer ${row} (output)` : `layer ${row}`;
}

export const clampIndex = (i: number | undefined, n: number, fallback: number) =>
  n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.round(i ?? fallback)));

export function summarize(d: LensView, layer: number, token: number): string {
  const rows = d.lens.length;
  const T = d.tokens.length;
  if (T === 0 || rows === 0) return 'There is no text, so there is nothing to decode.';
  const cell = d.lens[layer]?.[token];
  const first = cell?.[0];
  if (!first) return 'No prediction.';
  const out = d.lens[rows - 1][token][0];
  const where = `After “${showToken(d.tokens[token].text)}” (token ${token + 1} of ${T})`;
  const tail =
    layer === rows - 1
      ? 'This is the model’s actual prediction.'
      : `The model’s final prediction there is “${showToken(out.text)}” at ${percent(out.p)}.`;
  return `${where}, the lens at ${rowName(layer, rows)} reads “${showToken(first.text)}” at ${percent(first.p)}. ${tail}`;
}

/**
 * The lens over a trace's hidden_states ([rows][T][d]), one cell at a time, yielding to the page
 * every `sliceMs` so a long text never blocks input (each cell is a vocab × d product).
 */
export async function lensOf(
  hidden: TensorF32,
  norm: FinalNorm,
  un: Unembedding,
  vocab: readonly string[],
  sliceMs = 12,
  k = 5,
): Promise<LensCell[][][]> {
  const [rows, T] = hidden.shape;
  const out: LensCell[][][] = Array.from({ length: rows }, () => new Array<LensCell[]>(T));
  let t0 = performance.now();
  for (let l = 0; l < rows; l++) {
    for (let t = 0; t < T; t++) {
      out[l][t] = lensTop(hidden.view(l, t).data, norm, un, k).map(({ id, p }) => ({ id, text: vocab[id] ?? '', p }));
      if (performance.now() - t0 > sliceMs) {
        await new Promise((r) => setTimeout(r, 0));
        t0 = performance.now();
      }
    }
  }
  return out;
}
