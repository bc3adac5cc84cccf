/**
 * Schema fields that several diagrams share, so a link's `text`, `layer`, `token` or camera means
 * the same in each of them. Each diagram's entry.ts spreads what it needs.
 */
import { ARCH } from '../../model/architecture';
import { EXAMPLE_TEXTS } from '../../model/examples';
import { TOKENIZERS } from './tokenizers/tokenizers';
import type { StateSchema } from './schema';

/**
 * Shared by the attention views, so a link's `text`, `layer`, `head` and `token` mean the same
 * in each. All 1-based, as readers count. Bounds are the shipped model's (ARCH: its layers, heads
 * and context in tokens); `token` past the end of the text is clamped at run time, with a note.
 */
export const attentionState = {
  text: { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.attention, label: 'text' },
  layer: { kind: 'int', min: 1, max: ARCH.layers, default: 1, label: 'layer' },
  head: { kind: 'int', min: 1, max: ARCH.heads, default: 1, label: 'head' },
  // 8 is " it" in the default sentence.
  token: { kind: 'int', min: 1, max: ARCH.context, default: 8, label: 'token' },
} as const satisfies StateSchema;

export const attentionFixtures = {
  default: {},
  'layer-2-head-3': { layer: 2, head: 3, token: 9 },
  'first-token': { layer: ARCH.layers, head: ARCH.heads, token: 1 },
  pronoun: { text: 'The dog chased the ball until it was lost in the grass.', token: 8 },
  markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
  empty: { text: '' },
} as const;

/**
 * Scaling laws (chapter /scaling-laws/). N in parameters, D in tokens, C in FLOPs; C = 6·N·D is
 * derived, and a link with C alone means "the compute-optimal split of C" (see
 * scaling-laws/resolve.ts). Bounds cover our 4 M-parameter model up to 10 T parameters.
 */
export const scaleN = { kind: 'log', min: 1e6, max: 1e13, digits: 3, default: 7e10, label: 'parameters N' } as const;

export const scaleD = { kind: 'log', min: 1e8, max: 1e14, digits: 3, default: 1.4e12, label: 'training tokens D' } as const;

/** The tokenization chapter's views share the reader's text and tokenizer. */
export const tokenizerState = {
  // 100 000 UTF-16 units: a long article still fits, and the hostile-input test pastes 100 kB.
  text: { kind: 'string', maxLength: 100_000, default: 'ChatGPT is amazing', label: 'text' },
  tokenizer: { kind: 'enum', values: TOKENIZERS, default: 'glassbox', label: 'tokenizer' },
} as const satisfies StateSchema;

/** The orbit camera of the 3D views (embedding-space/camera.ts): degrees, and radii of what is drawn. */
export const cameraState = {
  yaw: { kind: 'number', min: -180, max: 180, step: 0.1, default: 30, label: 'camera yaw (degrees)' },
  pitch: { kind: 'number', min: -85, max: 85, step: 0.1, default: 20, label: 'camera pitch (degrees)' },
  distance: { kind: 'number', min: 0.2, max: 12, step: 0.01, default: 3.5, label: 'camera distance (cloud radii)' },
} as const satisfies StateSchema;

/**
 * Shared by the layers chapter's views, which all read the chapter's URL: one `text` and `token`
 * for the page, `layer` counting blocks 1-based (as the attention views do). Bounds are the
 * architecture's (ARCH.layers blocks, ARCH.context tokens); `token` past the end is clamped at run time.
 */
export const layersText = { kind: 'string', maxLength: 2000, default: EXAMPLE_TEXTS.layers, label: 'text' } as const;

// 9 is " little", the last token of the default text.
export const layersToken = { kind: 'int', min: 1, max: ARCH.context, default: 9, label: 'token' } as const;

export const layersFixtures = {
  default: {},
  'first-token': { token: 1, layer: 1 },
  markup: { text: '<img src=x onerror=alert(1)> and </script> too', token: 4 },
  empty: { text: '' },
} as const;

/**
 * The merge views of the tokenization chapter (bpe-merges, bpe-train): `step` counts the merges
 * applied so far, 0 being the bare UTF-8 bytes; each view bounds it with `max`.
 */
export function mergeStep(max: number, fallback: number) {
  return { kind: 'int', min: 0, max, default: fallback, label: 'step' } as const;
}

/**
 * The accelerator and its utilisation, shared by the cost calculator and the training chapter's
 * compute table so a link's `gpu` and `mfu` mean the same in both.
 */
export const acceleratorState = {
  gpu: { kind: 'enum', values: ['v100', 'a100', 'h100'], default: 'a100', label: 'accelerator' },
  // Model-FLOPs utilisation: the share of peak spent on the model's own 6ND FLOPs.
  mfu: { kind: 'number', min: 0.05, max: 0.8, step: 0.01, default: 0.4, label: 'utilisation (MFU)' },
} as const satisfies StateSchema;
