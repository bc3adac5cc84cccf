/**
 * Drives the status lines of src/components/ModelStatus.astro for a live-model diagram: download
 * progress, error with Retry, where the numbers come from (example or live) and notes on clamped
 * values. All text is set with textContent.
 */
import type { ModelApi } from '../../model/api';
import type { LoadEvent } from '../../model/types';
import { showNotes } from './notes';

/** What the numbers on screen are: the precomputed example or a live run, and for which text. */
export interface NumbersOrigin {
  kind: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
}

export type Get = <T extends HTMLElement = HTMLElement>(role: string) => T;

/** What the status lines need of a model: the GPT's ModelApi, or a companion's handle. */
export type Loadable = Pick<ModelApi, 'load' | 'onEvent'>;

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export class ModelStatusLines {
  constructor(protected readonly get: Get) {}

  loading() {
    this.get('error').hidden = true;
    this.get('progress').hidden = false;
  }

  loaded() {
    this.get('progress').hidden = true;
    this.get('error').hidden = true;
  }

  onLoadEvent(e: LoadEvent) {
    if (e.type === 'progress') {
      const bar = this.get<HTMLProgressElement>('progress-bar');
      const total = Math.max(e.total, e.loaded, 1);
      bar.max = total;
      bar.value = e.loaded;
      this.get('progress-text').textContent = `Downloading the model: ${mb(e.loaded)} of ${mb(total)} MB`;
    } else if (e.type === 'ready') {
      this.get('progress').hidden = true;
    }
  }

  /** Show `model`'s download progress, and hand its errors to `onError`, until the returned function runs. */
  follow(model: Loadable, onError: (e: Error) => void): () => void {
    return model.onEvent((e) => {
      if (e.type === 'error') onError(new Error(e.message));
      else this.onLoadEvent(e);
    });
  }

  /** Load the model with the progress line shown; false, after `onError`, when it fails. */
  async load(model: Loadable, onError: (e: unknown) => void): Promise<boolean> {
    this.loading();
    try {
      await model.load();
    } catch (e) {
      onError(e);
      return false;
    }
    this.loaded();
    return true;
  }

  failed(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    this.get('progress').hidden = true;
    this.get('error-text').textContent = `The live model could not load or run: ${message}`;
    this.get('error').hidden = false;
  }

  source(src: NumbersOrigin | null, stateText: string) {
    const label = this.get('source');
    if (src?.kind === 'model') {
      label.textContent = `Live: ${src.model.id} (version ${src.model.version}), running in your browser.`;
      label.dataset.kind = 'live';
      return;
    }
    const failed = !this.get('error').hidden;
    const text = src?.text ?? stateText;
    const forText = text === stateText ? '' : ` for “${text}”`;
    label.textContent = `Example (precomputed)${forText} — ${failed ? 'the live model is unavailable' : 'the live model is loading'}.`;
    label.dataset.kind = 'example';
  }

  notes(notes: string[]) {
    showNotes(this.get('notes'), notes);
  }
}
