/**
 * The status lines around an attention view: download progress, error with Retry, where the
 * numbers come from (example or live), notes on clamped values, and the head's measured pattern.
 * All text is set with textContent.
 */
import type { LoadEvent } from '../../model/types';
import type { AttentionSource } from './source';

type Get = <T extends HTMLElement = HTMLElement>(role: string) => T;

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export class Status {
  constructor(private readonly get: Get) {}

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

  failed(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    this.get('progress').hidden = true;
    this.get('error-text').textContent = `The live model could not load or run: ${message}`;
    this.get('error').hidden = false;
  }

  source(src: AttentionSource | null, stateText: string) {
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

  /** `label` from heads.json; layer and head 1-based. */
  pattern(label: string | undefined, layer: number, head: number) {
    const el = this.get('pattern');
    el.hidden = !label;
    const what = label === 'mixed' ? 'mixed, no single pattern dominates' : label;
    el.textContent = label ? `Measured over many texts, the pattern of layer ${layer}, head ${head}: ${what}.` : '';
  }

  notes(notes: string[]) {
    const list = this.get('notes');
    list.replaceChildren(
      ...notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    list.hidden = notes.length === 0;
  }
}
