/**
 * The model API every diagram uses, identical in the browser (a Web Worker behind it)
 * and in Node (tests, example-data scripts). Implementations: `client.ts` (browser),
 * `node.ts` (Node). Requests are serialized; see `latest()` for dropping stale results.
 */
import type { GenerateOptions, GenerateStep, LoadEvent, ModelInfo, NextToken, Token, Trace } from './types';

export interface NextTokens {
  model: ModelInfo;
  text: string;
  truncated: boolean;
  tokens: Token[];
  /** The k most likely next tokens after the whole text, descending. */
  top: NextToken[];
}

export interface ModelApi {
  /** Starts loading once; later calls return the same promise. */
  load(): Promise<ModelInfo>;
  /** Progress (bytes), ready and error events; returns an unsubscribe function. */
  onEvent(cb: (e: LoadEvent) => void): () => void;
  tokenize(text: string): Promise<{ tokens: Token[]; truncated: boolean }>;
  trace(text: string): Promise<Trace>;
  nextTokens(text: string, k: number): Promise<NextTokens>;
  generate(prompt: string, opts: GenerateOptions): Promise<{ tokens: Token[]; steps: GenerateStep[] }>;
}
