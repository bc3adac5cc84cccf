/** Messages between the page (client.ts) and the model worker (worker.ts). */
import type { LoadEvent } from './types';

export type Method = 'load' | 'tokenize' | 'trace' | 'nextTokens' | 'generate' | 'encode' | 'merges';

export interface Request {
  id: number;
  method: Method;
  args: unknown[];
}

export type Reply =
  | { id: number; ok: true; result: unknown; ms: number; forwards: number[] }
  | { id: number; ok: false; error: string }
  | { event: LoadEvent };

/** A tensor as it crosses postMessage: TensorF32's prototype does not survive cloning. */
export interface WireTensor {
  __tensor: true;
  data: Float32Array;
  shape: number[];
}
