/**
 * Pure, dependency-free maths for the site: softmax and friends, information measures, decoding
 * (top-k, top-p, seeded sampling), small linear algebra with PCA, and scaling laws.
 */

export { argmax, logSoftmax, logSumExp, softmax } from './softmax';
export { bits, crossEntropy, entropy, perplexity } from './information';
export { decodeStep, mulberry32, sample, topK, topKFilter, topPFilter } from './sampling';
export type { DecodeOptions, DecodeResult, Ranked, Rng } from './sampling';
export { layerNorm, matVec, pca } from './linalg';
export type { PcaOptions, PcaResult } from './linalg';
export { CHINCHILLA, chinchillaLoss, computeFlops, optimalAllocation } from './scaling';
export type { Allocation, ScalingConstants } from './scaling';
export { cosine, cosineByDistance, cosineNeighbours, rowNorms, sinusoidalPositions } from './vectors';
export type { Neighbour } from './vectors';
export { lensLogits, lensTop, logitLens } from './logit-lens';
export type { FinalNorm, LensEntry, Unembedding } from './logit-lens';
export {
  addRound,
  BET_FLOOR,
  EMPTY_TALLY,
  modelLoss,
  natsToBits,
  normalizeBet,
  pickBet,
  RANK_BANDS,
  rankBand,
  rankOf,
  readerLoss,
  scorePosition,
  scoreSequence,
  shareOf,
  tallyMeans,
  TOP_K,
} from './next-token';
export type { Bet, Guess, PositionScore, RankBand, RoundScore, SequenceScore, Tally } from './next-token';
export { applySampler, bannedByNgram, choose, NEUTRAL, pick, runChain, SAMPLERS, segments } from './decoding';
export type { Chain, Choice, SamplerId, SamplerSettings, Stage } from './decoding';
export { beamSearch, drawSamples, generate, mergeSamples } from './generation';
export type { Beam, BeamNode, BeamResult, Candidate, GenerateOptions as GenerationOptions, LogitsOf, Step, TreeNode } from './generation';
