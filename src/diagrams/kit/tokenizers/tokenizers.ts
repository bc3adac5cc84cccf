/**
 * The four tokenizers the tokenization diagrams offer, by their URL names. Metadata only: the
 * encoders themselves load lazily (tiktoken.ts in a worker, the site model's through src/model).
 */

export const TOKENIZERS = ['glassbox', 'gpt2', 'cl100k', 'o200k'] as const;
export type TokenizerName = (typeof TOKENIZERS)[number];
export type OpenAiName = Exclude<TokenizerName, 'glassbox'>;

/** The js-tiktoken release bundled with the site (package.json pins it; a unit test checks). */
export const TIKTOKEN_VERSION = '1.0.21';

export interface TokenizerInfo {
  /** Short label for pickers and table headings. */
  label: string;
  /** Which models use it, for the reader. */
  usedBy: string;
  /** Vocabulary size, tokens. */
  vocab: number;
  /** The encoding's own name, exported as the tokenizer id. */
  encoding: string;
}

export const TOKENIZER_INFO: Readonly<Record<TokenizerName, TokenizerInfo>> = {
  glassbox: { label: 'Glassbox', usedBy: 'this site’s model', vocab: 8192, encoding: 'glassbox' },
  gpt2: { label: 'GPT-2', usedBy: 'GPT-2 and GPT-3', vocab: 50257, encoding: 'gpt2' },
  cl100k: { label: 'cl100k', usedBy: 'GPT-3.5 and GPT-4', vocab: 100277, encoding: 'cl100k_base' },
  o200k: { label: 'o200k', usedBy: 'GPT-4o', vocab: 200019, encoding: 'o200k_base' },
};

/** One token as every tokenization view receives it. */
export interface PieceToken {
  id: number;
  /** The token's bytes decoded alone; a token that ends inside a character shows U+FFFD there. */
  text: string;
  /** UTF-8 bytes. */
  bytes: number[];
  /**
   * The merge priority: for the OpenAI encodings the rank, which is the id (lower merges
   * first); for Glassbox the 0-based index in tokenizer.json's merges. Null for a lone byte.
   */
  rank: number | null;
}

export interface Tokenized {
  tokenizer: TokenizerName;
  /** Which encoder answered: the model id and version, or the encoding and js-tiktoken's version. */
  model: { id: string; version: string };
  text: string;
  tokens: PieceToken[];
}
