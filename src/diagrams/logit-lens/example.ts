/** The shape of src/data/examples/logit-lens.json (written by scripts/make-examples.mjs). */
import type { LensCell } from './view';

export interface LensExample {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** [row][token] → top 5; row 0 = embedding + position, last row = the model's output. */
  lens: LensCell[][][];
}
