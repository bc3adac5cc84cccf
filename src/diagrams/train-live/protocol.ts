/** Messages between the train-live element and its worker. */
export type ToTrainer =
  | { type: 'reset'; text: string; lr: number; seed: number; run: number }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'step' };

export type FromTrainer =
  // `run` echoes the reset it answers, so the page drops messages from a run it has replaced.
  | { type: 'ready'; run: number; vocab: number; chars: number; initial: number }
  | { type: 'losses'; run: number; from: number; losses: number[]; sample?: { step: number; text: string }; running: boolean }
  | { type: 'error'; message: string };

/** A sample is printed every this many steps. */
export const SAMPLE_EVERY = 100;
/** Characters per sample. */
export const SAMPLE_CHARS = 80;
/** The worker's time slice before it posts and yields, ms: short, so pause and reset answer fast. */
export const SLICE_MS = 12;
/**
 * The worker's rest between slices, ms. On a phone or a 2-core laptop the worker's busy loop and
 * the page's main thread share few cores; resting a quarter of the time leaves the main thread
 * room to draw, so its tasks stay short, at the cost of a quarter of the training speed.
 */
export const REST_MS = 4;
