/**
 * <glassbox-generate>: seeded generation, one token at a time. "Next token" and "Run 20" add
 * steps, "Reset" clears them, and choosing an alternative for a token forks the text there; all of
 * it is state (steps, forks, seed), so a copied link regenerates the same text. Each run replays
 * the loop from the start, but the worker has every earlier prefix in its KV cache, so only new
 * tokens cost a forward pass, one token's each; those steps are timed as `glassbox:step`.
 */
import { ARCH } from '../../model/architecture';
import { ChainElement } from '../kit/decoding/chain-element';
import type { Hooks, PromptLogits } from '../kit/decoding/source';
import { formatForks, generateBody, parseForks, type GenerateBody, type GenerateState } from './data';
import entry from './entry';
import type { GenerateOptions } from './render';

export type GenerateExport = { state: GenerateState } & GenerateBody;

const PRESETS: Record<string, Partial<GenerateState>> = {
  greedy: { order: 'temperature', temperature: 0 },
  penalised: { order: 'repetition_penalty,temperature', temperature: 0, repetition_penalty: 1.5 },
  balanced: { order: 'temperature,top_p', temperature: 0.8, top_p: 0.95 },
  creative: { order: 'temperature,top_k', temperature: 1.3, top_k: 100 },
};

export class GlassboxGenerate extends ChainElement<GenerateState, GenerateBody, GenerateOptions> {
  protected readonly entry = entry;
  private picked = -1;

  protected load() {
    return import('./render');
  }

  protected resolve(state: GenerateState) {
    const r = super.resolve(state);
    const f = parseForks(r.state.forks, ARCH.vocab);
    return { state: { ...r.state, forks: formatForks(f.forks) }, notes: [...r.notes, ...f.notes] };
  }

  protected compute(p: PromptLogits, decode: (id: number) => string) {
    return generateBody(p, this.state, decode, 'model');
  }

  protected hooks(): Hooks {
    return {
      onCall: (ms, via) => {
        if (via === 'cache') performance.measure('glassbox:step', { start: performance.now() - ms, duration: ms });
      },
    };
  }

  protected wire() {
    super.wire();
    const add = (n: number) => this.choose({ steps: Math.min(entry.state.steps.max, this.state.steps + n) });
    this.listen(this.byRole('next'), 'click', () => add(1));
    this.listen(this.byRole('run'), 'click', () => add(20));
    this.listen(this.byRole('reset'), 'click', () => {
      this.picked = -1;
      this.choose({ steps: 0, forks: '' });
    });
    for (const b of this.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
      this.listen(b, 'click', () => this.choose(PRESETS[b.dataset.preset ?? ''] ?? {}));
    }
  }

  protected options(): GenerateOptions {
    return {
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      picked: this.picked,
      onPick: (s) => {
        this.picked = this.picked === s ? -1 : s;
        this.chart.draw();
        this.querySelector<HTMLElement>(`[data-token="${s + 1}"]`)?.focus();
      },
      onFork: (s, id) => {
        const forks = parseForks(this.state.forks, ARCH.vocab).forks;
        forks.set(s, id);
        this.picked = -1;
        // The tokens after a fork are drawn again, so forks made further on no longer apply.
        this.choose({ forks: formatForks(forks, s + 1) });
      },
    };
  }
}

if (!customElements.get('glassbox-generate')) customElements.define('glassbox-generate', GlassboxGenerate);
