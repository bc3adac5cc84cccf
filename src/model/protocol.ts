/** Messages between the page (client.ts) and the model worker (worker.ts). */
import type { LoadEvent } from './types';

export type Method =
  | 'load' | 'tokenize' | 'trace' | 'nextTokens' | 'continuations' | 'generate' | 'encode' | 'merges'
  /** The architectures chapter's companion models; `ref` is `companion:<role>`. */
  | 'companionLoad' | 'fill' | 'attend' | 'translate';

export interface Request {
  id: number;
  method: Method;
  args: unknown[];
  /** The model ref the page asked for (`<id>@<version>`); absent or '' for the default. */
  ref?: string;
}

export type Reply =
  | { id: number; ok: true; result: unknown; ms: number; forwards: number[] }
  | { id: number; ok: false; error: string }
  /** `ref`: the request's model ref that started this load, so each handle hears its own. */
  | { event: LoadEvent; ref?: string };

/** A tensor as it crosses postMessage: TensorF32's prototype does not survive cloning. */
export interface WireTensor {
  __tensor: true;
  data: Float32Array;
  shape: number[];
}
