/**
 * <glassbox-sample-tree>: N seeded samples from the reader's prompt, merged into a tree. The
 * model worker answers each level's distinct prefixes in batches (through its KV cache), and a
 * progress bar follows the batches; the draws and the merge run here.
 */
import { DecodingElement } from '../kit/decoding/element';
import type { Hooks, PromptLogits } from '../kit/decoding/source';
import { treeBody, type TreeBody, type TreeState } from './data';
import entry from './entry';

export type TreeExport = { state: TreeState } & TreeBody;

const FIELDS = ['temperature', 'top_p', 'n', 'length', 'seed'] as const;

export class GlassboxSampleTree extends DecodingElement<TreeState, TreeBody> {
  protected readonly entry = entry;
  private done = 0;

  protected load() {
    return import('./render');
  }

  protected compute(p: PromptLogits, decode: (id: number) => string) {
    return treeBody(p, this.state, decode, 'model');
  }

  protected hooks(): Hooks {
    // At most n prefixes per level: the bar's scale, in sequences answered.
    const bar = this.byRole<HTMLProgressElement>('tree-progress');
    bar.max = this.state.n * this.state.length;
    return {
      onBatch: (k) => {
        this.done += k;
        bar.value = this.done;
      },
    };
  }

  protected busy(on: boolean) {
    this.done = 0;
    this.byRole('tree-busy').hidden = !on;
    this.byRole<HTMLProgressElement>('tree-progress').value = 0;
  }

  protected wire() {
    for (const f of FIELDS) {
      const input = this.byRole<HTMLInputElement>(f);
      this.listen(input, 'input', () => {
        const shown = this.querySelector(`[data-role="${f}-shown"]`);
        if (shown) shown.textContent = input.value;
      });
      this.listen(input, 'change', () => this.choose({ [f]: Number(input.value) }));
    }
  }

  protected sync() {
    for (const f of FIELDS) {
      this.byRole<HTMLInputElement>(f).value = String(this.state[f]);
      const shown = this.querySelector(`[data-role="${f}-shown"]`);
      if (shown) shown.textContent = String(this.state[f]);
    }
  }

  protected options() {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }
}

if (!customElements.get('glassbox-sample-tree')) customElements.define('glassbox-sample-tree', GlassboxSampleTree);
