/**
 * <glassbox-sampler>: the live wrapper around render.ts, on the decoding views' host with the
 * sampler chain's controls (kit/decoding/chain-element.ts). It shows the build-time example until the model answers, then runs
 * the sampler chain (src/math/decoding.ts) on the model's full next-token logits for the reader's
 * prompt. A slider, a switch, a move or a new seed reruns the chain; the logits of a prompt the
 * model has seen come back from the worker's memo without a forward pass.
 */
import { ChainElement } from '../kit/decoding/chain-element';
import type { SamplerState } from '../kit/decoding/fields';
import type { PromptLogits } from '../kit/decoding/source';
import { samplerBody, type SamplerBody } from './data';
import entry from './entry';

type State = SamplerState & { text: string };

export type SamplerExport = { state: State } & SamplerBody;

export class GlassboxSampler extends ChainElement<State, SamplerBody> {
  protected readonly entry = entry;

  protected load() {
    return import('./render');
  }

  protected async compute(p: PromptLogits, decode: (id: number) => string) {
    return samplerBody({ ...p, logits: p.first }, this.state, decode, 'model');
  }

  protected options() {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }
}

if (!customElements.get('glassbox-sampler')) customElements.define('glassbox-sampler', GlassboxSampler);
