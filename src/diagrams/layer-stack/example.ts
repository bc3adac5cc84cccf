/** The shape of src/data/examples/layer-stack.json (written by scripts/make-examples.mjs). */
import type { Contribution } from '../kit/layers/contributions';

export interface StackExample {
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  /** [token][layer] */
  contributions: Contribution[][];
}
