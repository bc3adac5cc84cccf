/**
 * A decoding view with the sampler chain's controls (ChainControls.astro): the order is read
 * leniently, the controls follow the state, and temperature 0 says that it means greedy.
 */
import type { ChartOptions } from '../chart';
import type { AnyState } from '../element';
import { syncChain, wireChain } from './chain-controls';
import { DecodingElement, type DecodingBody } from './element';
import { GREEDY_NOTE, isGreedy, resolveOrder, type SamplerState } from './fields';

export abstract class ChainElement<S extends AnyState & SamplerState & { text: string }, B extends DecodingBody, O extends ChartOptions = ChartOptions> extends DecodingElement<S, B, O> {
  protected resolve(state: S) {
    return resolveOrder(state);
  }

  protected wire() {
    wireChain(this, (next, delay) => this.choose(next as Partial<S>, delay));
  }

  protected sync() {
    syncChain(this, this.state);
  }

  protected extraNotes() {
    const notes = super.extraNotes();
    if (isGreedy(this.state)) notes.push(GREEDY_NOTE);
    return notes;
  }
}
