/**
 * <glassbox-beam-search>: beam search and greedy on the reader's prompt, rerun on each change of
 * the beam count, the steps or the length penalty (native range inputs).
 */
import { DecodingElement } from '../kit/decoding/element';
import type { PromptLogits } from '../kit/decoding/source';
import { beamBody, type BeamBody, type BeamState } from './data';
import entry from './entry';

export type BeamExport = { state: BeamState } & BeamBody;

const FIELDS = ['width', 'steps', 'length_penalty'] as const;

export class GlassboxBeamSearch extends DecodingElement<BeamState, BeamBody> {
  protected readonly entry = entry;

  protected load() {
    return import('./render');
  }

  protected compute(p: PromptLogits, decode: (id: number) => string) {
    return beamBody(p, this.state, decode, 'model');
  }

  protected wire() {
    for (const f of FIELDS) {
      const input = this.byRole<HTMLInputElement>(f);
      this.listen(input, 'input', () => {
        this.byRole(`${f}-shown`).textContent = input.value;
      });
      this.listen(input, 'change', () => this.choose({ [f]: Number(input.value) }));
    }
  }

  protected sync() {
    for (const f of FIELDS) {
      this.byRole<HTMLInputElement>(f).value = String(this.state[f]);
      this.byRole(`${f}-shown`).textContent = String(this.state[f]);
    }
  }

  protected options() {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }
}

if (!customElements.get('glassbox-beam-search')) customElements.define('glassbox-beam-search', GlassboxBeamSearch);
