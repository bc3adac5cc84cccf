/**
 * The picture's stages, in the order the forward pass runs them, and the chapter link of each,
 * opened in the same state: the reader's text, the block's layer, the last token.
 */
export type StageKind = 'tokens' | 'embeddings' | 'block' | 'norm' | 'logits' | 'probs' | 'next';

/** Stage ids: tokens, embeddings, block-1 … block-L, norm, logits, probs, next. */
export function stageIds(layers: number): string[] {
  return ['tokens', 'embeddings', ...Array.from({ length: layers }, (_, l) => `block-${l + 1}`), 'norm', 'logits', 'probs', 'next'];
}

export function kindOf(stage: string): StageKind {
  return (stage.startsWith('block-') ? 'block' : stage) as StageKind;
}

/** 1-based layer of a block stage; 0 for the others. */
export function layerOf(stage: string): number {
  return stage.startsWith('block-') ? Number(stage.slice(6)) : 0;
}

const NAMES: Record<Exclude<StageKind, 'block'>, string> = {
  tokens: 'Tokens',
  embeddings: 'Embeddings',
  norm: 'Final LayerNorm',
  logits: 'Logits',
  probs: 'Probabilities',
  next: 'Next token',
};

export function stageName(stage: string): string {
  const k = kindOf(stage);
  return k === 'block' ? `Block ${layerOf(stage)}` : NAMES[k];
}

/** What a stage's link needs: the text, the last token (1-based position and id). */
export interface LinkContext {
  text: string;
  /** 1-based position of the last token; 0 for no text. */
  last: number;
  /** Its id; -1 for no text. */
  lastId: number;
}

/**
 * The chapter route and query of a stage, without the site base. The parameter names are those
 * each chapter's URL-reading diagram takes: tokenizer (text), embedding-space (text, token = a
 * token id), attention (text, layer, token), the layers views (text, token), generate (text).
 */
export function stageLink(stage: string, c: LinkContext): string {
  const q = (p: Record<string, string | number>) => '?' + new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)])).toString();
  const tok: Record<string, number> = c.last > 0 ? { token: c.last } : {};
  switch (kindOf(stage)) {
    case 'tokens':
      return `/tokenization/${q({ text: c.text })}`;
    case 'embeddings':
      return `/embeddings/${q({ text: c.text, ...(c.lastId >= 0 ? { token: c.lastId } : ({} as Record<string, number>)) })}`;
    case 'block':
      return `/attention/${q({ text: c.text, layer: layerOf(stage), ...tok })}`;
    case 'norm':
    case 'logits':
      return `/layers/${q({ text: c.text, ...tok })}`;
    default:
      return `/decoding/${q({ text: c.text })}`;
  }
}
