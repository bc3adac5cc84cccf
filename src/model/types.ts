/**
 * The typed data the model runtime hands to diagrams. Diagrams import these types only;
 * they never see ONNX sessions, transformers.js objects or string-keyed tensors.
 */
import type { TensorF32 } from './tensor';

export interface ModelInfo {
  id: string;
  /** Version string from models.json, so exports stay traceable a year later. */
  version: string;
  dtype: 'fp32' | 'fp16' | 'q8';
  bytes: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  headDim: number;
  vocabSize: number;
  /** Context length in tokens. */
  nPositions: number;
  eosTokenId: number;
}

export interface Token {
  /** 0-based position in the sequence (URL state and `data-token` use 1-based). */
  index: number;
  id: number;
  /** Decoded text of this token alone, spaces kept. */
  text: string;
  /** UTF-8 bytes of this token. */
  bytes: number[];
}

/** One forward pass over a text, every tensor with batch dimension removed. */
export interface Trace {
  model: ModelInfo;
  text: string;
  /** True when the text was cut to the model's context. */
  truncated: boolean;
  tokens: Token[];
  /** [T][V] raw logits. */
  logits: TensorF32;
  /** [L][H][T][T] softmax probabilities, rows sum to 1, upper triangle 0. */
  attentions: TensorF32;
  /** [L+1][T][d] residual stream before the final layer norm; [0] is embedding + position. */
  hiddenStates: TensorF32;
  /** [L][H][T][dh] */
  queries: TensorF32;
  keys: TensorF32;
  values: TensorF32;
  /** [L][T][d] what attention adds to the residual stream. */
  attnOutput: TensorF32;
  /** [L][T][d] what the MLP adds to the residual stream. */
  mlpOutput: TensorF32;
  /** [L][T][4d] MLP activations after GELU. */
  mlpActivations: TensorF32;
}

/** The tensors of a trace, by field name; a caller may ask for some of them only. */
export type TraceOutput =
  | 'logits' | 'attentions' | 'hiddenStates' | 'queries' | 'keys' | 'values' | 'attnOutput' | 'mlpOutput' | 'mlpActivations';

/** What every trace carries, whichever outputs were asked for. */
export type TraceHead = Pick<Trace, 'model' | 'text' | 'truncated' | 'tokens'>;

/** A trace with only the outputs `K`: what `trace(text, { outputs })` returns. */
export type PartialTrace<K extends TraceOutput> = TraceHead & Pick<Trace, K>;

export interface TraceOptions<K extends TraceOutput = TraceOutput> {
  /** The tensors to return; omitted, all of them. Fewer means less copied out of the worker. */
  outputs?: readonly K[];
  /**
   * false: answer from the page's memo when it can, but do not keep this trace there, so a
   * page's fixed list of one-off sentences does not push out the texts its diagrams share.
   * Default true.
   */
  hold?: boolean;
}

export interface NextToken {
  id: number;
  text: string;
  /** Probability under softmax of the last position's logits. */
  p: number;
}

/** Next-token logits after a prompt followed by each of some continuations (token ids). */
export interface Continuations {
  model: ModelInfo;
  text: string;
  truncated: boolean;
  /** The prompt's tokens. */
  tokens: Token[];
  /** [N][V] raw logits after the prompt and continuation n. */
  logits: TensorF32;
  /** Per continuation: how it was answered. */
  via: Via[];
}

/** memo: asked before, no forward pass; cache: one token run against the KV cache; full: a full pass. */
export type Via = 'memo' | 'cache' | 'full';

export interface GenerateOptions {
  maxNewTokens: number;
  /** 0 means greedy. */
  temperature: number;
  topK?: number;
  topP?: number;
  seed: number;
}

export interface GenerateStep {
  id: number;
  text: string;
  p: number;
  /** The top candidates at this step, after temperature. */
  top: NextToken[];
}

export type LoadEvent =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'ready'; model: ModelInfo; ms: number }
  | { type: 'error'; message: string };
