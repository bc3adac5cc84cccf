/**
 * The architectures chapter's two companion models, beside the GPT: glassbox-encoder (a masked
 * LM, RoBERTa's recipe) and glassbox-seq2seq (an encoder-decoder that writes dates in ISO form).
 * Like core.ts, these adapters turn transformers.js outputs into batch-free TensorF32 views.
 */
import { Tensor } from '@huggingface/transformers';
import { softmax, topK } from '../math/index';
import { bytesToText, tokenBytes } from './bytes';
import { TensorF32 } from './tensor';
import type { Loaded } from './core';
import type { NextToken, Token } from './types';

/** A raw ONNX output as transformers.js and onnxruntime hand it back. */
interface Raw {
  data: Float32Array;
  dims: number[];
}

/** What a tokenizer's vocabulary says about an id, as core.ts's Adapter shows tokens. */
function vocabOf(tokenizer: Loaded['tokenizer'], size: number): (id: number, index: number) => Token {
  const vocab: string[] = new Array(size).fill('');
  const v: Map<string, number> | Record<string, number> = tokenizer.get_vocab();
  for (const [tok, id] of v instanceof Map ? v.entries() : Object.entries(v)) vocab[id] = tok;
  return (id, index) => {
    const piece = vocab[id] ?? '';
    const bytes = tokenBytes(piece);
    if (bytes === null) return { index, id, text: piece, bytes: Array.from(new TextEncoder().encode(piece)) };
    return { index, id, text: bytesToText(bytes), bytes };
  };
}

const ids64 = (ids: number[]) => new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
const ones64 = (n: number) => new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
/** Drops the batch axis (always 1 here) of a [L,B,...] stack. */
const stack = (r: Raw) => new TensorF32(r.data, [r.dims[0], ...r.dims.slice(2)]);

export interface FillMask {
  tokens: Token[];
  /** 0-based index of the blanked token. */
  mask: number;
  /** The token the blank replaced. */
  answer: Token;
  /** Most likely tokens for the blank, descending, probabilities over the whole vocabulary. */
  top: NextToken[];
  /** Probability and 1-based rank of the token the blank replaced. */
  answerP: number;
  answerRank: number;
  /** [L][H][T][T], rows sum to 1, not causal. */
  attentions: TensorF32;
}

export interface EncoderAttention {
  tokens: Token[];
  /** [L][H][T][T], rows sum to 1, not causal. */
  attentions: TensorF32;
}

/** glassbox-encoder: the reader's sentence with one token replaced by <mask>, read both ways. */
export class EncoderAdapter {
  private readonly token: (id: number, index: number) => Token;
  readonly maskId: number;
  readonly nPositions: number;

  constructor(private readonly loaded: Loaded) {
    const vocab = Number(loaded.config.vocab_size);
    this.token = vocabOf(loaded.tokenizer, vocab);
    this.maskId = Number(loaded.config.mask_token_id);
    this.nPositions = Number(loaded.config.max_position_embeddings);
  }

  encode(text: string): Token[] {
    const ids: number[] = Array.from(this.loaded.tokenizer.encode(text, { add_special_tokens: false }) as ArrayLike<number>, Number);
    return ids.slice(0, this.nPositions).map((id, i) => this.token(id, i));
  }

  async fill(text: string, mask: number, k = 5): Promise<FillMask> {
    const tokens = this.encode(text);
    if (mask < 0 || mask >= tokens.length) throw new RangeError(`mask ${mask} is outside the ${tokens.length} tokens`);
    const ids = tokens.map((t) => t.id);
    ids[mask] = this.maskId;
    const out = await this.forward(ids);
    const logits = out.logits.view(mask).data;
    // The mask token is never an answer a reader could read: it is left out of the ranking.
    const scores = Float32Array.from(logits, (x, i) => (i === this.maskId ? -Infinity : x));
    const p = softmax(scores);
    const answer = tokens[mask];
    let rank = 1;
    for (let i = 0; i < p.length; i++) if (p[i] > p[answer.id]) rank++;
    return {
      tokens,
      mask,
      answer,
      top: topK(p, k).map(({ index, p: pi }) => ({ id: index, text: this.token(index, mask).text, p: pi })),
      answerP: p[answer.id],
      answerRank: rank,
      attentions: out.attentions,
    };
  }

  /** The reader's text as it is, nothing blanked: its tokens and every head's attention. */
  async attend(text: string): Promise<EncoderAttention> {
    const tokens = this.encode(text);
    if (tokens.length === 0) throw new RangeError('the text is empty');
    const out = await this.forward(tokens.map((t) => t.id));
    return { tokens, attentions: out.attentions };
  }

  /** One pass over token ids (the mask token allowed): logits [T][V], attentions [L][H][T][T],
   * hidden states [L+1][T][d]. */
  async forward(ids: number[]): Promise<{ logits: TensorF32; attentions: TensorF32; hiddenStates: TensorF32 }> {
    // forward(), not the model's call: RobertaForMaskedLM's call keeps only the logits.
    const out: Record<string, Raw> = await this.loaded.model.forward({ input_ids: ids64(ids), attention_mask: ones64(ids.length) });
    return {
      logits: new TensorF32(out.logits.data, out.logits.dims.slice(1)),
      attentions: stack(out.attentions),
      hiddenStates: stack(out.hidden_states),
    };
  }
}

export interface Translation {
  source: Token[];
  /** Generated tokens, without the decoder's start token and the end-of-text that stopped it. */
  output: Token[];
  /** [L][H][S][S] fully visible. */
  encoderAttentions: TensorF32;
  /** [L][H][T][T] causal, over the start token and the output (T = output + 1). */
  decoderAttentions: TensorF32;
  /** [L][H][T][S] each decoder position over the source; rows sum to 1. */
  crossAttentions: TensorF32;
  /** For each decoder position, the most likely next tokens, descending. */
  steps: NextToken[][];
}

/** glassbox-seq2seq: greedy decoding with transformers.js's own generation loop. */
export class Seq2SeqAdapter {
  private readonly token: (id: number, index: number) => Token;
  readonly startId: number;
  readonly eosId: number;
  readonly nPositions: number;

  constructor(private readonly loaded: Loaded) {
    this.token = vocabOf(loaded.tokenizer, Number(loaded.config.vocab_size));
    this.startId = Number(loaded.config.decoder_start_token_id);
    this.eosId = Number(loaded.config.eos_token_id);
    this.nPositions = Number(loaded.config.max_position_embeddings);
  }

  async translate(text: string, maxTokens = 16, k = 5): Promise<Translation> {
    const src: number[] = Array.from(this.loaded.tokenizer.encode(text, { add_special_tokens: false }) as ArrayLike<number>, Number)
      .slice(0, this.nPositions);
    if (src.length === 0) throw new RangeError('the source text is empty');
    const gen = await this.loaded.model.generate({
      inputs: ids64(src),
      attention_mask: ones64(src.length),
      max_new_tokens: Math.min(maxTokens, this.nPositions - 1),
      do_sample: false,
    });
    const all: number[] = Array.from(gen.tolist()[0] as bigint[], Number);
    // Greedy decoding stops at the first end-of-text, so it can only be the last token.
    const gen1 = all.slice(1);
    const out = gen1.at(-1) === this.eosId ? gen1.slice(0, -1) : gen1;
    // One more pass over the whole output (teacher forcing), for every attention at once:
    // generate() returns none. The encoder runs once here, for its attentions, and its output
    // is handed to the decoder pass, which would otherwise encode the source again.
    const enc: Record<string, Raw> = await this.loaded.model.sessions.model.run({
      input_ids: ids64(src).ort_tensor,
      attention_mask: ones64(src.length).ort_tensor,
    });
    const hidden = enc.last_hidden_state;
    const dec: Record<string, Raw> = await this.loaded.model.forward({
      input_ids: ids64(src),
      attention_mask: ones64(src.length),
      encoder_outputs: new Tensor('float32', hidden.data, hidden.dims),
      decoder_input_ids: ids64([this.startId, ...out]),
    });
    const V = dec.logits.dims[2];
    const steps = Array.from({ length: out.length + 1 }, (_, t) => {
      const p = softmax(dec.logits.data.subarray(t * V, (t + 1) * V));
      return topK(p, k).map(({ index, p: pi }) => ({ id: index, text: this.token(index, t).text, p: pi }));
    });
    return {
      source: src.map((id, i) => this.token(id, i)),
      output: out.map((id, i) => this.token(id, i)),
      encoderAttentions: stack(enc.encoder_attentions),
      decoderAttentions: stack(dec.decoder_attentions),
      crossAttentions: stack(dec.cross_attentions),
      steps,
    };
  }
}
