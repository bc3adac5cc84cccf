/**
 * Registry id → Astro component, for the routes that render any diagram by id (embed, gallery).
 * Every diagram component takes the same props; a missing entry fails the build in getStaticPaths.
 */
import NextToken from './next-token/NextToken.astro';
import Attention from './attention/Attention.astro';
import AttentionMatrix from './attention-matrix/AttentionMatrix.astro';
import AttentionHeads from './attention-heads/AttentionHeads.astro';
import ScalingLaws from './scaling-laws/ScalingLaws.astro';
import ModelMemory from './model-memory/ModelMemory.astro';
import TrainingCost from './training-cost/TrainingCost.astro';
import ScalingMeasured from './scaling-measured/ScalingMeasured.astro';
import Tokenizer from './tokenizer/Tokenizer.astro';
import TokenizerCompare from './tokenizer-compare/TokenizerCompare.astro';
import BpeMerges from './bpe-merges/BpeMerges.astro';
import BpeTrain from './bpe-train/BpeTrain.astro';
import EmbeddingSpace from './embedding-space/EmbeddingSpace.astro';
import Positions from './positions/Positions.astro';
import ContextualPath from './contextual-path/ContextualPath.astro';
import LogitLens from './logit-lens/LogitLens.astro';
import LayerStack from './layer-stack/LayerStack.astro';
import MlpNeurons from './mlp-neurons/MlpNeurons.astro';

export interface DiagramProps {
  /** Initial state; validated against the registry schema by the component. */
  state?: Record<string, unknown>;
  /** Read and mirror the state in the page URL. */
  urlState?: boolean;
  /** Prefix for element ids, unique per instance on a page. */
  uid?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Astro components are typed as (props) => any
type DiagramComponent = (props: DiagramProps) => any;

export const components: Readonly<Record<string, DiagramComponent>> = {
  'next-token': NextToken,
  attention: Attention,
  'attention-matrix': AttentionMatrix,
  'attention-heads': AttentionHeads,
  'scaling-laws': ScalingLaws,
  'model-memory': ModelMemory,
  'training-cost': TrainingCost,
  'scaling-measured': ScalingMeasured,
  tokenizer: Tokenizer,
  'tokenizer-compare': TokenizerCompare,
  'bpe-merges': BpeMerges,
  'bpe-train': BpeTrain,
  'embedding-space': EmbeddingSpace,
  positions: Positions,
  'contextual-path': ContextualPath,
  'logit-lens': LogitLens,
  'layer-stack': LayerStack,
  'mlp-neurons': MlpNeurons,
};
