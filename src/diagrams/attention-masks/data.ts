/**
 * The numbers behind the three masks, pure so that the build-time example, the live element and
 * the tests cut the same head out of the same numbers. Each model hands its attentions as a flat
 * row-major [L][H][rows][cols] array of softmax weights; a grid is one layer and head of it.
 * Layer and head are 1-based, as readers count, and clamped to each model's own size.
 */

export type Kind = 'encoder' | 'decoder' | 'encdec';
export const KINDS: readonly Kind[] = ['encoder', 'decoder', 'encdec'];

export interface Tok {
  id: number;
  text: string;
}

export interface ModelRef {
  id: string;
  version: string;
}

/** Where a panel's numbers come from: the build-time example, a live run, or no model at all. */
export type Origin = 'example' | 'model' | 'missing';

/** One model's attention over one text: flat [L][H][R][C] weights, rows sum to 1. */
export interface Heads {
  layers: number;
  heads: number;
  rows: Tok[];
  cols: Tok[];
  weights: ArrayLike<number>;
}

/** A single-stack model (the encoder, our GPT): the text's tokens both ways. */
export interface StackSource {
  origin: 'example' | 'model';
  model: ModelRef;
  text: string;
  attn: Heads;
}

/** The encoder-decoder: its decoder's self-attention over its own output, and its cross-attention to the source. */
export interface EncDecSource {
  origin: 'example' | 'model';
  model: ModelRef;
  text: string;
  self: Heads;
  cross: Heads;
}

export interface Sources {
  /** null until glassbox-encoder exists in models.json, or until it answers. */
  encoder: StackSource | null;
  decoder: StackSource | null;
  encdec: EncDecSource | null;
}

export interface Grid {
  id: 'encoder' | 'decoder' | 'self' | 'cross';
  caption: string;
  rows: Tok[];
  cols: Tok[];
  /** Causal: a query sees only keys at or before it; otherwise every key. */
  causal: boolean;
  /** [row][col] weights; null when the model is not available (the mask alone is drawn). */
  weights: number[][] | null;
}

export interface Panel {
  kind: Kind;
  title: string;
  origin: Origin;
  model: ModelRef | null;
  /** The text the numbers are for (an example may stand in for another text). */
  text: string;
  /** The layer and head drawn, 1-based, after clamping to the model's size. */
  layer: number;
  head: number;
  /** True when the picked layer or head is beyond this model's size. */
  clamped: boolean;
  grids: Grid[];
}

export interface MasksData {
  text: string;
  kind: Kind;
  panels: Panel[];
}

/** Each model's size in layers and heads (the encoder-decoder: per stack); the pickers go to 6 × 6. */
export const SIZES: Record<Kind, { layers: number; heads: number }> = {
  encoder: { layers: 6, heads: 6 },
  decoder: { layers: 6, heads: 6 },
  encdec: { layers: 2, heads: 4 },
};

const TITLES: Record<Kind, string> = {
  encoder: 'Encoder: fully visible',
  decoder: 'Decoder: causal',
  encdec: 'Encoder-decoder: causal self-attention, fully visible cross-attention',
};

/** The decoder of the encoder-decoder starts from this token before it has written anything. */
export const START: Tok = { id: -1, text: '<start>' };

const clamp = (x: number, max: number) => Math.min(max, Math.max(1, Math.round(x)));

/** Rows × cols of one layer and head; layer and head 1-based and clamped to the source. */
export function cut(h: Heads, layer: number, head: number): number[][] {
  const l = clamp(layer, h.layers) - 1;
  const k = clamp(head, h.heads) - 1;
  const R = h.rows.length;
  const C = h.cols.length;
  const start = (l * h.heads + k) * R * C;
  return Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => h.weights[start + i * C + j]));
}

function stackPanel(kind: 'encoder' | 'decoder', src: StackSource | null, text: string, layer: number, head: number, fallback: Tok[]): Panel {
  const size = src ? { layers: src.attn.layers, heads: src.attn.heads } : SIZES[kind];
  const l = clamp(layer, size.layers);
  const h = clamp(head, size.heads);
  const rows = src ? src.attn.rows : fallback;
  return {
    kind,
    title: TITLES[kind],
    origin: src ? src.origin : 'missing',
    model: src ? src.model : null,
    text: src ? src.text : text,
    layer: l,
    head: h,
    clamped: l !== layer || h !== head,
    grids: [
      {
        id: kind,
        caption: kind === 'encoder' ? 'every token sees every token' : 'each token sees itself and the tokens before it',
        rows,
        cols: rows,
        causal: kind === 'decoder',
        weights: src ? cut(src.attn, l, h) : null,
      },
    ],
  };
}

function encdecPanel(src: EncDecSource | null, text: string, layer: number, head: number): Panel {
  const size = src ? { layers: src.self.layers, heads: src.self.heads } : SIZES.encdec;
  const l = clamp(layer, size.layers);
  const h = clamp(head, size.heads);
  const out = src ? src.self.rows : [START];
  const source = src ? src.cross.cols : [];
  return {
    kind: 'encdec',
    title: TITLES.encdec,
    origin: src ? src.origin : 'missing',
    model: src ? src.model : null,
    text: src ? src.text : text,
    layer: l,
    head: h,
    clamped: l !== layer || h !== head,
    grids: [
      { id: 'self', caption: 'decoder self-attention: each output token sees the output before it', rows: out, cols: out, causal: true, weights: src ? cut(src.self, l, h) : null },
      { id: 'cross', caption: 'cross-attention: each output token sees the whole source', rows: out, cols: source, causal: false, weights: src ? cut(src.cross, l, h) : null },
    ],
  };
}

/** What the chart draws for a state. `fallback` tokens label the encoder's mask-only grid. */
export function masksData(src: Sources, state: { text: string; kind: string; layer: number; head: number }): MasksData {
  const kind = (KINDS as readonly string[]).includes(state.kind) ? (state.kind as Kind) : 'decoder';
  const fallback = src.decoder && src.decoder.text === state.text ? src.decoder.attn.rows : src.encoder?.attn.rows ?? [];
  return {
    text: state.text,
    kind,
    panels: [
      stackPanel('encoder', src.encoder, state.text, state.layer, state.head, fallback),
      stackPanel('decoder', src.decoder, state.text, state.layer, state.head, fallback),
      encdecPanel(src.encdec, state.text, state.layer, state.head),
    ],
  };
}

const round6 = (x: number) => Number(x.toFixed(6));

/** The export's body (DESIGN.md §3): per kind, the model, where the numbers are from, the tokens and the rows shown. */
export function exportBody(d: MasksData) {
  const panel = (k: Kind) => d.panels.find((p) => p.kind === k) as Panel;
  const toks = (t: Tok[]) => t.map(({ id, text }) => ({ id, text }));
  const rows = (g: Grid) => g.weights?.map((r) => r.map(round6)) ?? null;
  const one = (k: Kind) => {
    const p = panel(k);
    return { model: p.model, source: p.origin, text: p.text, layer: p.layer, head: p.head };
  };
  const enc = panel('encoder');
  const dec = panel('decoder');
  const ed = panel('encdec');
  return {
    text: d.text,
    models: { encoder: enc.model, decoder: dec.model, encdec: ed.model },
    shown: { encoder: one('encoder'), decoder: one('decoder'), encdec: one('encdec') },
    tokens: { encoder: toks(enc.grids[0].rows), decoder: toks(dec.grids[0].rows), encdec: { output: toks(ed.grids[0].rows), source: toks(ed.grids[1].cols) } },
    attention: { encoder: rows(enc.grids[0]), decoder: rows(dec.grids[0]), encdec: { self: rows(ed.grids[0]), cross: rows(ed.grids[1]) } },
  };
}

export type MasksExport = { state: Record<string, string | number> } & ReturnType<typeof exportBody>;

/** The shape src/examples/architectures-masks.ts writes to src/data/examples/attention-masks.json. */
export interface MasksExample {
  model: ModelRef;
  text: string;
  decoder: { model: ModelRef; tokens: Tok[]; attentions: number[][][][] };
  encdec: { model: ModelRef; source: Tok[]; output: Tok[]; self: number[][][][]; cross: number[][][][] };
  encoder: { model: ModelRef; tokens: Tok[]; attentions: number[][][][] } | null;
}

const flat = (a: number[][][][]) => a.flat(3);
const heads = (a: number[][][][], rows: Tok[], cols: Tok[]): Heads => ({ layers: a.length, heads: a[0]?.length ?? 0, rows, cols, weights: flat(a) });

export function fromExample(ex: MasksExample): Sources {
  const out = [START, ...ex.encdec.output];
  return {
    encoder: ex.encoder ? { origin: 'example', model: ex.encoder.model, text: ex.text, attn: heads(ex.encoder.attentions, ex.encoder.tokens, ex.encoder.tokens) } : null,
    decoder: { origin: 'example', model: ex.decoder.model, text: ex.text, attn: heads(ex.decoder.attentions, ex.decoder.tokens, ex.decoder.tokens) },
    encdec: { origin: 'example', model: ex.encdec.model, text: ex.text, self: heads(ex.encdec.self, out, out), cross: heads(ex.encdec.cross, out, ex.encdec.source) },
  };
}
