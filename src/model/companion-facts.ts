/**
 * What models.json says about the architectures chapter's companion models, read when the site
 * is built, so the chapter's prose quotes the recipe's measurements (training/companion_card.py)
 * instead of typing them. A companion the catalogue does not list yet is `null`.
 */
import catalogue from '../../public/models/models.json' with { type: 'json' };
import type { Catalogue, CompanionEntry } from './catalogue';

export interface EncoderFacts extends CompanionEntry {
  params: number;
  layers: number;
  heads: number;
  width: number;
  /** Top-1 accuracy on training/eval/blanks.tsv: the encoder reading both sides of the blank. */
  blank_top1: number;
  /** The same sentences, the GPT's next-token guess from the left side only. */
  gpt_left_top1: number;
  blank_sentences: number;
}

export interface Seq2SeqFacts extends CompanionEntry {
  params: number;
  encoder_layers: number;
  decoder_layers: number;
  heads: number;
  width: number;
  task: string;
  test_pairs: number;
  /** Exact match on held-out dates, 0..1. */
  exact_match: number;
}

const cat = catalogue as unknown as Catalogue;
const find = (role: CompanionEntry['role']) => cat.companions?.find((c) => c.role === role) ?? null;

export const ENCODER = find('encoder') as EncoderFacts | null;
export const SEQ2SEQ = find('seq2seq') as Seq2SeqFacts | null;

/** "1.99 million", for prose. */
export const millions = (n: number) => `${(n / 1e6).toFixed(2)} million`;
/** "100%", "37.5%": one decimal unless whole. */
export const percent = (x: number) => `${Number((x * 100).toFixed(1))}%`;
