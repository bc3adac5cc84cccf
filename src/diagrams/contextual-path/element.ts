/**
 * <glassbox-contextual-path>: the live wrapper. It draws the build-time example, then near the
 * viewport runs both texts through the model (one worker, src/model/client.ts) and redraws
 * with their hidden states. State (a, b, word, layer) lives in `data-state`, in the URL when
 * `data-url-state="on"`, and in the `data-export="json"` element with the numbers drawn.
 */
import type { Trace } from '../../model/types';
import entry from './entry';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import { whenNearViewport } from '../kit/lifecycle';
import type { Basis, PathView } from './data';
import type { PathChart } from './render';

const TYPE_MS = 200;
const MEASURE = `glassbox:update:${entry.id}`;
type State = { a: string; b: string; word: string; layer: number; yaw: number; pitch: number; distance: number };
const COMMIT_MS = 150; // camera moves come fast; the URL and export follow once they rest
type Mods = { data: typeof import('./data'); render: typeof import('./render') };

export class GlassboxContextualPath extends HTMLElement {
  private state!: State;
  private view!: PathView;
  private source: 'example' | 'model' = 'example';
  private cleanup: (() => void)[] = [];
  private started = false;
  private mods: Mods | null = null;
  private chart: PathChart | null = null;
  private typing: ReturnType<typeof setTimeout> | undefined;
  private committing: ReturnType<typeof setTimeout> | undefined;
  private request: ((a: string, b: string) => Promise<[Trace, Trace] | undefined>) | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-contextual-path> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.view = JSON.parse(this.get('view').textContent || '{}') as PathView;
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    const notes: string[] = [];
    if (this.dataset.urlState === 'on') {
      const params = new URLSearchParams(location.search);
      if (Object.keys(entry.state).some((k) => params.has(k))) {
        const parsed = parseState(params, entry.state);
        this.state = parsed.state;
        notes.push(...parsed.notes);
      }
    }
    const list = this.get('notes');
    list.replaceChildren(...notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    list.hidden = notes.length === 0;
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    for (const key of ['a', 'b', 'word'] as const) {
      const input = this.get<HTMLInputElement | HTMLTextAreaElement>(key);
      input.value = this.state[key];
      input.addEventListener('input', () => this.onType({ [key]: input.value }), { signal: ac.signal });
    }
    const layer = this.get<HTMLInputElement>('layer');
    layer.value = String(this.state.layer);
    this.get('layer-out').textContent = layerName(this.state.layer);
    layer.addEventListener('input', () => this.set({ layer: Number(layer.value) }), { signal: ac.signal });
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.typing);
    clearTimeout(this.committing);
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [data, render, client, sceneMod] = await Promise.all([
      import('./data'),
      import('./render'),
      import('../../model/client'),
      import('../kit/orbit/scene'),
    ]);
    if (!this.started) return;
    this.mods = { data, render };
    const pal = sceneMod.palette(this);
    let scene: import('../kit/orbit/scene').Scene | null = null;
    if (sceneMod.hasWebGL()) {
      try {
        scene = (await import('../kit/orbit/scene-three')).createThreeScene(pal);
      } catch {
        scene = null; // a context that fails late still gets the fallback
      }
    }
    this.get('fallback').hidden = !!scene;
    if (!scene) scene = (await import('../kit/orbit/scene-2d')).createCanvasScene(pal);
    this.dataset.view = scene.kind;
    const root = this.get('chart');
    const { yaw, pitch, distance } = entry.state;
    this.chart = render.render(root, this.view, {
      layer: this.state.layer,
      width: root.clientWidth,
      scene,
      camera: this.camera(),
      home: { yaw: yaw.default, pitch: pitch.default, distance: distance.default },
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      onLayer: (l) => this.set({ layer: l }),
      onCamera: (c) => {
        this.state = { ...this.state, ...c };
        clearTimeout(this.committing);
        this.committing = setTimeout(() => this.commit(), COMMIT_MS);
      },
    });
    const model = client.getModel();
    this.request = client.latest((a: string, b: string) => Promise.all([model.trace(a), model.trace(b)]));
    await this.refresh();
  }

  private async refresh() {
    if (!this.request || !this.mods) return;
    const status = this.get('status');
    try {
      const r = await this.request(this.state.a, this.state.b);
      if (!r || !this.isConnected) return; // a newer request is on its way
      const [ta, tb] = r;
      this.view = {
        model: { id: ta.model.id, version: ta.model.version },
        word: this.state.word,
        a: this.mods.data.runOf(ta, this.state.word),
        b: this.mods.data.runOf(tb, this.state.word),
        basis: this.view.basis as Basis,
      };
      this.source = 'model';
      this.dataset.source = 'model';
      status.textContent = `Live: ${ta.model.id} (version ${ta.model.version}), running in your browser.`;
      this.draw();
    } catch (e) {
      status.textContent = `The live model could not load or run (${e instanceof Error ? e.message : String(e)}); showing the example.`;
    }
  }

  private onType(next: Partial<State>) {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => {
      this.state = normalizeState({ ...this.state, ...next }, entry.state).state;
      this.commit();
      if (this.started) void this.refresh();
      else void this.start();
    }, TYPE_MS);
  }

  private camera() {
    return { yaw: this.state.yaw, pitch: this.state.pitch, distance: this.state.distance };
  }

  private set(next: Partial<State>) {
    this.state = normalizeState({ ...this.state, ...next }, entry.state).state;
    this.get('layer-out').textContent = layerName(this.state.layer);
    this.get<HTMLInputElement>('layer').value = String(this.state.layer);
    this.draw();
  }

  private draw() {
    if (this.chart) {
      const t0 = performance.now();
      this.chart.update(this.view, { layer: this.state.layer, width: this.get('chart').clientWidth, camera: this.camera() });
      performance.measure(MEASURE, { start: t0, end: performance.now() });
    }
    this.commit();
  }

  private commit() {
    clearTimeout(this.committing);
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
    if (this.mods) this.get('export').textContent = JSON.stringify(this.mods.data.exportPath(this.state, this.source, this.view));
  }
}

function layerName(l: number): string {
  return l === 0 ? '0 (after embedding)' : `${l} (after block ${l})`;
}

if (!customElements.get('glassbox-contextual-path')) customElements.define('glassbox-contextual-path', GlassboxContextualPath);
