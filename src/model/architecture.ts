/**
 * The shipped default model's shape, read from public/models/models.json when the site is built.
 * URL bounds, fixtures and prose take their numbers from here, so retraining the model with
 * another depth or width changes them with it instead of leaving stale copies behind.
 */
import catalogue from '../../public/models/models.json' with { type: 'json' };

export interface Architecture {
  /** Transformer blocks. */
  layers: number;
  /** Attention heads per block. */
  heads: number;
  /** Width of the residual stream (numbers per token). */
  width: number;
  /** Numbers per head's query, key and value: width / heads. */
  headDim: number;
  /** Hidden units of each block's MLP: GPT-2's 4 × width. */
  mlp: number;
  /** Longest input, in tokens. */
  context: number;
  /** Vocabulary size, in tokens. */
  vocab: number;
  /** All parameters, the tied embedding counted once. */
  params: number;
}

interface Entry {
  id: string;
  archived?: boolean;
  layers: number;
  heads: number;
  width: number;
  context: number;
  vocab: number;
  params: number;
}

function read(cat: { default: string; models: Entry[] }): Architecture {
  // Kept versions share the default's id; the one without `archived` is the current model.
  const m = cat.models.find((e) => e.id === cat.default && !e.archived);
  if (!m) throw new Error(`models.json names ${cat.default} as the default but does not list it`);
  return {
    layers: m.layers,
    heads: m.heads,
    width: m.width,
    headDim: m.width / m.heads,
    mlp: 4 * m.width,
    context: m.context,
    vocab: m.vocab,
    params: m.params,
  };
}

export const ARCH: Architecture = read(catalogue as { default: string; models: Entry[] });
