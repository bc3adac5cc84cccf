/**
 * Numbers the embeddings chapter prints, read at build time from the shipped model's files,
 * so the prose follows the model when it is retrained.
 */
import { nodeEmbeddings } from '../../model/weights-node';

/** Widths the article compares with: GPT-2 small and GPT-3 175B (Brown et al. 2020, table 2.1). */
export const GPT2_SMALL_D = 768;
export const GPT3_D = 12288;

export async function chapterFacts() {
  const emb = await nodeEmbeddings();
  const [vocab, d] = emb.wte.shape;
  const [context] = emb.wpe.shape;
  return { model: emb.model.id, vocab, d, context, emb };
}

export async function tokenId(word: string): Promise<number> {
  const { emb } = await chapterFacts();
  const id = emb.vocab.indexOf(word);
  if (id < 0) throw new Error(`“${word}” is not a token of ${emb.model.id}`);
  return id;
}
