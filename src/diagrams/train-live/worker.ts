/// <reference lib="webworker" />
/**
 * The train-live worker: trains the character model (src/math/char-model.ts) in slices of
 * SLICE_MS with rests of REST_MS, posting each slice's losses, so the page's main thread only draws. Seeded, so the
 * same seed, learning rate and text give the same losses on every run.
 */
import { CharModel } from '../../math/char-model';
import { REST_MS, SAMPLE_CHARS, SAMPLE_EVERY, SLICE_MS, type FromTrainer, type ToTrainer } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let model: CharModel | null = null;
let seed = 1;
let run = 0;
let running = false;
let timer: ReturnType<typeof setTimeout> | null = null;

const post = (m: FromTrainer) => self.postMessage(m);

function slice(maxSteps: number) {
  if (!model) return;
  const from = model.steps;
  const losses: number[] = [];
  let sample: { step: number; text: string } | undefined;
  const t0 = performance.now();
  while (losses.length < maxSteps && performance.now() - t0 < SLICE_MS) {
    losses.push(model.step());
    if (model.steps % SAMPLE_EVERY === 0) {
      sample = { step: model.steps, text: model.sample(SAMPLE_CHARS, seed) };
      break;
    }
  }
  post({ type: 'losses', run, from, losses, sample, running });
  if (running) timer = setTimeout(() => slice(Infinity), REST_MS);
}

self.onmessage = (ev: MessageEvent<ToTrainer>) => {
  const m = ev.data;
  try {
    if (m.type === 'reset') {
      running = false;
      if (timer) clearTimeout(timer);
      seed = m.seed;
      run = m.run;
      model = new CharModel(m.text, { lr: m.lr, seed: m.seed });
      post({ type: 'ready', run, vocab: model.vocab, chars: model.ids.length, initial: model.fullLoss() });
    } else if (m.type === 'run') {
      if (!running) {
        running = true;
        slice(Infinity);
      }
    } else if (m.type === 'pause') {
      running = false;
      if (timer) clearTimeout(timer);
    } else if (m.type === 'step') {
      running = false;
      slice(1);
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
