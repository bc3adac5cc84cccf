/**
 * <glassbox-positions>: the live wrapper, on the kit's host (../kit/element.ts: state, URL,
 * export, lifecycle). Near the viewport it loads the model's wpe side file (200 kB, through
 * src/model/assets.ts) and d3, then redraws on the two sliders and when the chart's width changes.
 */
import type { TensorF32 } from '../../model/tensor';
import { DiagramElement } from '../kit/element';
import type { PositionsExport } from './build';
import type { PositionsState, PositionsView } from './data';
import entry from './entry';
import type { PositionsChart } from './render';

type Body = Omit<PositionsExport, 'state'>;
type Data = typeof import('./data');
type Wpe = { model: { id: string; version: string }; wpe: TensorF32 };

const KEYS = ['positions', 'dims'] as const;

export class GlassboxPositions extends DiagramElement<PositionsState> {
  protected readonly entry = entry;
  private built!: Body;
  private data: Data | null = null;
  private wpe: Wpe | null = null;
  private chart: PositionsChart | null = null;
  private view: PositionsView | null = null;

  protected connected() {
    const { state: _built, ...body } = this.exportSlot.read<PositionsExport>();
    this.built = body;
    for (const key of KEYS) {
      const input = this.byRole<HTMLInputElement>(key);
      input.value = String(this.state[key]);
      this.byRole(`${key}-out`).textContent = input.value;
      this.listen(input, 'input', () => this.choose({ [key]: Number(input.value) }));
    }
  }

  protected async start() {
    const life = this.life;
    try {
      const [assets, data, { render }] = await Promise.all([import('../../model/assets'), import('./data'), import('./render')]);
      const wpe = await assets.positions();
      if (life.disposed) return; // disconnected while wpe loaded
      this.wpe = wpe;
      this.data = data;
      const root = this.byRole('chart');
      this.width = root.clientWidth;
      this.view = data.positionsView(wpe.model, wpe.wpe, this.state);
      this.chart = render(root, this.view, { width: this.width });
      this.followWidth(root, () => this.draw());
      this.dataset.source = 'model';
      this.showModel(wpe.model);
      this.byRole('status').textContent = `Live: the learned positions of ${wpe.model.id} (version ${wpe.model.version}), loaded in your browser.`;
      this.commit();
    } catch (e) {
      this.byRole('status').textContent = `The learned positions could not load (${e instanceof Error ? e.message : String(e)}); showing the copy made when the site was built.`;
    }
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
  }

  protected exportBody(): Body {
    if (!this.data || !this.view) return this.built;
    const { state: _s, ...body } = this.data.exportPositions(this.state, 'model', this.view);
    return body;
  }

  protected changed() {
    for (const key of KEYS) this.byRole(`${key}-out`).textContent = String(this.state[key]);
    this.draw();
  }

  private draw() {
    const { data, wpe, chart } = this;
    if (!data || !wpe || !chart) return;
    this.measure(() => {
      this.view = data.positionsView(wpe.model, wpe.wpe, this.state);
      chart.update(this.view, { width: this.width });
    });
  }
}

if (!customElements.get('glassbox-positions')) customElements.define('glassbox-positions', GlassboxPositions);
