/**
 * The model API every diagram uses, identical in the browser (a Web Worker behind it)
 * and in Node (tests, example-data scripts). Implementations: `client.ts` (browser),
 * `node.ts` (Node). Requests are serialized; see `latest()` for dropping stale results.
 */
import type { EncodedToken } from './tokenizer';
import type { Continuations, GenerateOptions, GenerateStep, LoadEvent, ModelInfo, NextToken, PartialTrace, Token, Trace, TraceOptions, TraceOutput } from './types';

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
  /** Every tensor of one forward pass; in the browser, memoised page-wide per model and text. */
  trace(text: string): Promise<Trace>;
  /** Only the tensors named in `opts.outputs` (all when omitted): less to copy out of the worker. */
  trace<K extends TraceOutput>(text: string, opts: TraceOptions<K>): Promise<PartialTrace<K>>;
  nextTokens(text: string, k: number): Promise<NextTokens>;
  /**
   * Logits after `prompt` and each continuation. The model keeps the keys and values of recent
   * sequences (a KV cache), so a continuation one token longer than one asked before costs one
   * token's forward pass.
   */
  continuations(prompt: string, conts: number[][]): Promise<Continuations>;
  generate(prompt: string, opts: GenerateOptions): Promise<{ tokens: Token[]; steps: GenerateStep[] }>;
}

/** Which tokenizer answered: the default model's id and version (models.json). */
export interface TokenizerModel {
  id: string;
  version: string;
}

/**
 * The default model's tokenizer alone: it loads tokenizer.json only, not the network, and
 * encodes the whole text (no context limit, no special tokens added).
 */
export interface TokenizerApi {
  encode(text: string): Promise<{ model: TokenizerModel; tokens: EncodedToken[] }>;
  /** The BPE merges in rank order, as pairs of byte-level strings. */
  merges(): Promise<{ model: TokenizerModel; merges: [string, string][] }>;
}
