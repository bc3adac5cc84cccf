/**
 * <glassbox-positions>: the live wrapper, on the kit's host (../kit/element.ts: state, URL,
 * export, lifecycle). Near the viewport it loads the model's wpe side file (200 kB, through
 * src/model/assets.ts) and d3, then redraws on the two sliders and when the chart's width changes.
 */
import type { TensorF32 } from '../../model/tensor';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import type { PositionsExport } from './build';
import type { PositionsState, PositionsView } from './data';
import entry from './entry';
import type { PositionsOptions } from './render';

type Body = Omit<PositionsExport, 'state'>;
type Wpe = { model: { id: string; version: string }; wpe: TensorF32 };
/** What the live view needs, loaded together near the viewport. */
type Live = { data: typeof import('./data'); wpe: Wpe };

const KEYS = ['positions', 'dims'] as const;

export class GlassboxPositions extends DiagramElement<PositionsState> {
  protected readonly entry = entry;
  private built!: Body;
  private live: Live | null = null;
  /** The view last drawn, cut from wpe for the state at every draw; the export reads it. */
  private view: PositionsView | null = null;
  private readonly chart = new ChartSlot<PositionsView, PositionsOptions, PositionsState>(
    this,
    this.port(),
    () => this.cut(),
    () => ({ width: this.width }),
  );

  protected connected() {
    this.built = withoutState(this.exportSlot.read<PositionsExport>());
    for (const key of KEYS) {
      const input = this.byRole<HTMLInputElement>(key);
      input.value = String(this.state[key]);
      this.byRole(`${key}-out`).textContent = input.value;
      this.listen(input, 'input', () => this.choose({ [key]: Number(input.value) }));
    }
  }

  protected async start() {
    try {
      const live = await this.chart.mount(import('./render'), this.load());
      if (!live) return; // disconnected while wpe loaded
      this.dataset.source = 'model';
      this.showModel(live.wpe.model);
      this.byRole('status').textContent = `Live: the learned positions of ${live.wpe.model.id} (version ${live.wpe.model.version}), loaded in your browser.`;
      this.commit();
    } catch (e) {
      this.byRole('status').textContent = `The learned positions could not load (${e instanceof Error ? e.message : String(e)}); showing the copy made when the site was built.`;
    }
  }

  protected exportBody(): Body {
    if (!this.live || !this.view) return this.built;
    return withoutState(this.live.data.exportPositions(this.state, 'model', this.view));
  }

  protected changed() {
    for (const key of KEYS) this.byRole(`${key}-out`).textContent = String(this.state[key]);
    this.chart.draw();
  }

  /** The data module and wpe; the chart draws from them as soon as they and d3 are in. */
  private async load(): Promise<Live> {
    const [assets, data] = await Promise.all([import('../../model/assets'), import('./data')]);
    this.live = { data, wpe: await assets.positions() };
    return this.live;
  }

  private cut(): PositionsView {
    const { data, wpe } = this.live as Live;
    this.view = data.positionsView(wpe.model, wpe.wpe, this.state);
    return this.view;
  }
}

if (!customElements.get('glassbox-positions')) customElements.define('glassbox-positions', GlassboxPositions);
