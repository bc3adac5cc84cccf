/**
 * The seq2seq diagram's numbers, pure: a Translation (src/model/companions.ts) as plain JSON (the
 * run: every attention of one greedy decode), and the matrix one state shows of it. Both the
 * build-time example (src/examples/architectures-seq2seq.ts) and the live element use these, so
 * the example and a live run are shaped alike.
 */
import type { Translation } from '../../model/companions';
import type { TensorF32 } from '../../model/tensor';

export type AttnView = 'cross' | 'encoder' | 'decoder';
export const VIEWS: readonly AttnView[] = ['cross', 'encoder', 'decoder'];

export interface Tok {
  id: number;
  text: string;
}

export interface Guess extends Tok {
  p: number;
}

/** One greedy decode and all its attentions, as JSON. */
export interface Seq2SeqRun {
  model: { id: string; version: string };
  /** The date the reader typed. */
  text: string;
  source: Tok[];
  /** Generated tokens, without the start token and the end-of-text that stopped decoding. */
  output: Tok[];
  /** [L][H][S][S], fully visible, rows sum to 1. */
  encoder: number[][][][];
  /** [L][H][T][T], causal, T = output + 1 (position 0 reads the decoder's start token). */
  decoder: number[][][][];
  /** [L][H][T][S], each decoder position over the source, rows sum to 1. */
  cross: number[][][][];
  /** For each decoder position, its top next tokens, descending (what step t writes). */
  steps: Guess[][];
}

const nested = (t: TensorF32) => t.toArray() as number[][][][];

/** A Translation as JSON; `round` trims the weights (the example keeps 6 decimals). */
export function runOf(tr: Translation, model: { id: string; version: string }, text: string, round: (x: number) => number = (x) => x): Seq2SeqRun {
  const r4 = (a: number[][][][]) => a.map((l) => l.map((h) => h.map((row) => row.map(round))));
  const tok = ({ id, text: t }: Tok) => ({ id, text: t });
  return {
    model: { id: model.id, version: model.version },
    text,
    source: tr.source.map(tok),
    output: tr.output.map(tok),
    encoder: r4(nested(tr.encoderAttentions)),
    decoder: r4(nested(tr.decoderAttentions)),
    cross: r4(nested(tr.crossAttentions)),
    steps: tr.steps.map((s) => s.map(({ id, text: t, p }) => ({ id, text: t, p: round(p) }))),
  };
}

export const END = '⟨end⟩';
export const START = '⟨start⟩';

/** The greedy output as text: the tokens joined. */
export const greedyText = (run: Seq2SeqRun) => run.output.map((t) => t.text).join('');

/** `head` 0 is the mean over the heads; 1…H one head (1-based, as readers count). */
export function headRows(stack: number[][][][], layer: number, head: number): number[][] {
  const heads = stack[layer - 1] ?? [];
  if (head >= 1) return (heads[head - 1] ?? []).map((r) => [...r]);
  const H = heads.length;
  if (!H) return [];
  return heads[0].map((row, q) => row.map((_, k) => heads.reduce((s, h) => s + h[q][k], 0) / H));
}

/** What one state shows: a rows × cols matrix with labels, the rows revealed and the current one. */
export interface MatrixView {
  view: AttnView;
  layer: number;
  /** 0: the mean over heads. */
  head: number;
  heads: number;
  /** Row labels: for the decoder views, the token each position writes (END for the last). */
  rows: string[];
  cols: string[];
  weights: number[][];
  /** Rows drawn (later decoder positions have not run yet at this step). */
  shown: number;
  /** The highlighted row, or -1. */
  current: number;
  /** Cells above the diagonal are masked (the decoder's causal self-attention). */
  causal: boolean;
  /** Output tokens written so far, and the step (0…output length). */
  written: string[];
  step: number;
  last: number;
  /** The decoder's top guesses at the current step. */
  guesses: Guess[];
}

export interface ViewState {
  attn: string;
  layer: number;
  head: number;
  step: number;
}

/** The matrix `state` shows of `run`; layer, head and step clamped to the run's shape. */
export function matrixOf(run: Seq2SeqRun, state: ViewState): MatrixView {
  const view = (VIEWS as readonly string[]).includes(state.attn) ? (state.attn as AttnView) : 'cross';
  const stack = view === 'cross' ? run.cross : view === 'encoder' ? run.encoder : run.decoder;
  const [L, H] = [stack.length, stack[0]?.length ?? 0];
  const layer = Math.min(Math.max(1, state.layer), L);
  const head = Math.min(Math.max(0, state.head), H);
  const last = run.output.length;
  const step = Math.min(Math.max(0, state.step), last);
  const writes = [...run.output.map((t) => t.text), END];
  const reads = [START, ...run.output.map((t) => t.text)];
  const src = run.source.map((t) => t.text);
  const decoding = view !== 'encoder';
  return {
    view,
    layer,
    head,
    heads: H,
    rows: decoding ? writes : src,
    cols: view === 'cross' || view === 'encoder' ? src : reads,
    weights: headRows(stack, layer, head),
    shown: decoding ? step + 1 : src.length,
    current: decoding ? step : -1,
    causal: view === 'decoder',
    written: run.output.slice(0, step).map((t) => t.text),
    step,
    last,
    guesses: run.steps[step] ?? [],
  };
}

/** The export: the state's numbers, and the cross-attention rows of the chosen layer and head. */
export function exportOf(run: Seq2SeqRun, state: ViewState, source: 'example' | 'model') {
  const m = matrixOf(run, state);
  const cross = headRows(run.cross, m.layer, m.head);
  return {
    source,
    model: run.model,
    text: run.text,
    sourceTokens: run.source,
    outputTokens: run.output,
    greedy: greedyText(run),
    step: m.step,
    guesses: m.guesses,
    // [decoder position][source token] for the chosen layer and head (or their mean); rows sum to 1.
    crossAttentions: cross,
    shown: { view: m.view, rows: m.rows, cols: m.cols, weights: m.weights.slice(0, m.shown) },
  };
}

export type Seq2SeqBody = ReturnType<typeof exportOf>;
