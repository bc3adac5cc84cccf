/**
 * The live data behind the tokenization chapter's views, as one part a host composes: near the
 * viewport the view's render module and the tokenizer source (../sources/tokenizer.ts, which
 * brings the tokenizers' worker) load together and the chart is drawn (../chart-slot.ts); then
 * each `refresh` asks the source about the state, and only the newest answer is delivered. The
 * host keeps its state, its export and its status line.
 */
import type { ChartSlot, SlotRender } from '../chart-slot';
import type { AnyState, DiagramElement } from '../element';
import type { TokenizerSource } from '../sources/tokenizer';

export interface TokenizerAsk<R> {
  /** The question for the state now; undefined when a newer one overtook it. */
  ask(source: TokenizerSource): Promise<R | undefined>;
  /** The newest answer, while the element is on the page. */
  answered(r: R): void;
  /** The tokenizer could not load or run; not called once the element has left. */
  failed(e: unknown): void;
}

export class TokenizerFeed<R, D, O, S extends AnyState> {
  private source: TokenizerSource | null = null;

  constructor(
    private readonly host: DiagramElement<S>,
    private readonly chart: ChartSlot<D, O, S>,
    private readonly load: () => Promise<{ render: SlotRender<D, O> }>,
    private readonly spec: TokenizerAsk<R>,
  ) {}

  /** From the host's start(): load, draw, then ask. */
  async start(): Promise<void> {
    const loaded = await this.chart.mount(this.load(), import('../sources/tokenizer'));
    if (!loaded) return;
    this.source = new loaded.TokenizerSource();
    this.host.life.add(() => (this.source = null));
    await this.refresh();
  }

  /** Ask about the state now (nothing before start). */
  async refresh(): Promise<void> {
    const source = this.source;
    if (!source) return;
    const life = this.host.life;
    let r: R | undefined;
    try {
      r = await this.spec.ask(source);
    } catch (e) {
      if (!life.disposed) this.spec.failed(e);
      return;
    }
    if (!r || life.disposed) return; // a newer request is on its way
    this.spec.answered(r);
  }
}
