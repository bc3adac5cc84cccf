/**
 * <glassbox-contextual-path>: the live wrapper, on the kit's host (../kit/element.ts: state, URL,
 * export, lifecycle) with the live-model part (../kit/live.ts: progress, error and Retry, the
 * source line, a stale `model=` note). It shows the build-time example, then near the viewport
 * traces both texts through the model (memoised page-wide, hidden states only) and redraws
 * their paths on the cloud's axes, in a WebGL or 2D orbit view (../kit/orbit/open.ts).
 */
import type { ModelApi } from '../../model/api';
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import type { Camera } from '../kit/orbit/camera';
import { cameraOf, homeOf } from '../kit/orbit/open';
import type { PathExport } from './build';
import type { PathTrace, PathView } from './data';
import entry from './entry';
import type { PathChart } from './render';

const TYPE_MS = 200; // after the last keystroke
const COMMIT_MS = 150; // camera moves come fast; the URL and export follow once they rest

type State = { a: string; b: string; word: string; layer: number; yaw: number; pitch: number; distance: number };
type Body = Omit<PathExport, 'state'>;
type Data = typeof import('./data');
type Traces = (a: string, b: string) => Promise<[PathTrace, PathTrace] | undefined>;

export class GlassboxContextualPath extends DiagramElement<State> {
  protected readonly entry = entry;
  private view!: PathView;
  private built!: Body;
  private source: 'example' | 'model' = 'example';
  private data: Data | null = null;
  private chart: PathChart | null = null;
  private traces: Traces | null = null;
  private readonly live = new LiveModel(this, () => this.refresh());

  protected connected() {
    this.view = JSON.parse(this.byRole('view').textContent || '{}') as PathView;
    this.built = withoutState(this.exportSlot.read<PathExport>());
    for (const key of ['a', 'b', 'word'] as const) {
      const input = this.byRole<HTMLInputElement | HTMLTextAreaElement>(key);
      input.value = this.state[key];
      this.listen(input, 'input', () => this.life.later('typing', TYPE_MS, () => this.choose({ [key]: input.value })));
    }
    const layer = this.byRole<HTMLInputElement>('layer');
    this.showLayer();
    this.listen(layer, 'input', () => this.choose({ layer: Number(layer.value) }));
    this.live.wire();
  }

  protected async start() {
    const life = this.life;
    const [data, { render }, { openScene }, client] = await Promise.all([
      import('./data'),
      import('./render'),
      import('../kit/orbit/open'),
      this.live.connect(),
    ]);
    if (life.disposed) return; // disconnected while the modules loaded
    this.data = data;
    const scene = await openScene(this, this.byRole('fallback'));
    const root = this.byRole('chart');
    this.width = root.clientWidth;
    this.chart = render(root, this.view, {
      layer: this.state.layer,
      width: this.width,
      scene,
      camera: cameraOf(this.state),
      home: homeOf(entry.state),
      reducedMotion: this.reducedMotion(),
      onLayer: (l) => this.choose({ layer: l }),
      // The view already shows its own camera: the state, URL and export follow once it rests.
        onCamera: (c: Camera) => this.choose(c, COMMIT_MS),
    });
    this.followWidth(root, () => this.draw());
    const traceOf = (model: ModelApi, text: string) => model.trace(text, { outputs: ['hiddenStates'] });
    this.traces = client.latest((a: string, b: string) => {
      const model = this.live.model ?? client.getModel();
      return Promise.all([traceOf(model, a), traceOf(model, b)]);
    });
    await this.live.start();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.traces = null;
  }

  protected exportBody(): Body {
    if (!this.data) return this.built;
    return withoutState(this.data.exportPath(this.state, this.source, this.view));
  }

  protected extraNotes(): string[] {
    return this.live.notes();
  }

  /** A delayed change is the 3D view's own camera move, which it already shows. */
  protected changed(prev: State, delay: number) {
    this.showLayer();
    const s = this.state;
    if (s.a !== prev.a || s.b !== prev.b || s.word !== prev.word) {
      if (this.started) void this.refresh();
      else void this.begin();
    }
    if (delay === 0) this.draw();
  }

  private async refresh() {
    if (!this.traces || !this.data) return;
    let r: [PathTrace, PathTrace] | undefined;
    try {
      r = await this.traces(this.state.a, this.state.b);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!r || !this.isConnected) return; // a newer request is on its way
    const [ta, tb] = r;
    const model = { id: ta.model.id, version: ta.model.version };
    this.view = { model, word: this.state.word, a: this.data.runOf(ta, this.state.word), b: this.data.runOf(tb, this.state.word), basis: this.view.basis };
    this.source = 'model';
    this.dataset.source = 'model';
    this.byRole('error').hidden = true;
    this.showModel(model);
    this.live.source({ kind: 'model', model, text: ta.text }, this.state.a);
    this.renderNotes();
    this.draw();
    this.commit();
  }

  private showLayer() {
    const l = this.state.layer;
    this.byRole('layer-out').textContent = l === 0 ? '0 (after embedding)' : `${l} (after block ${l})`;
    this.byRole<HTMLInputElement>('layer').value = String(l);
  }

  private draw() {
    const chart = this.chart;
    if (!chart) return;
    this.measure(() => chart.update(this.view, { layer: this.state.layer, width: this.width, camera: cameraOf(this.state) }));
  }
}

if (!customElements.get('glassbox-contextual-path')) customElements.define('glassbox-contextual-path', GlassboxContextualPath);
