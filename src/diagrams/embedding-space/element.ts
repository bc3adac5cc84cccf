/**
 * <glassbox-embedding-space>: the live wrapper. Near the viewport it loads the weight side files
 * (src/model/weights.ts), runs PCA, picks WebGL (Three.js, imported only then) or the 2D
 * fallback, and tokenizes the reader's sentence with the model. It keeps the state (text, token,
 * projection, camera) in `data-state`, in the URL when `data-url-state="on"`, and in the
 * `data-export="json"` element, which always describes what is drawn.
 */
import type { Embeddings } from '../../model/weights';
import type { Token } from '../../model/types';
import entry from './entry';
import { defaults, mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import { whenNearViewport } from '../kit/lifecycle';
import { showToken } from '../kit/tokens';
import type { Camera } from '../kit/orbit/camera';
import type { Cloud, EmbeddingExport, EmbeddingState, NeighbourRow, SentenceToken } from '../kit/orbit/cloud';
import type { EmbeddingChart, EmbeddingView } from './render';

const TYPE_MS = 150; // after the last keystroke
const COMMIT_MS = 150; // camera moves come fast; the URL and export follow once they rest
const SEARCH_FLY_DISTANCE = 1.2; // cloud radii: searching zooms in to at least this close

type Data = typeof import('../kit/orbit/cloud');

export class GlassboxEmbeddingSpace extends HTMLElement {
  private state!: EmbeddingState;
  private notes: string[] = [];
  private started = false;
  private cleanup: (() => void)[] = [];
  private chart: EmbeddingChart | null = null;
  private emb: Embeddings | null = null;
  private cloud: Cloud | null = null;
  private data: Data | null = null;
  private neighbours: NeighbourRow[] = [];
  private sentence: SentenceToken[] = [];
  private source: EmbeddingExport['source'] = 'example';
  private typing: ReturnType<typeof setTimeout> | undefined;
  private committing: ReturnType<typeof setTimeout> | undefined;
  private tokenize: ((text: string) => Promise<{ tokens: Token[] } | undefined>) | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-embedding-space> is missing [data-role="${role}"]`);
    return el;
  }

  get value(): EmbeddingState {
    return { ...this.state };
  }

  /** Set state from outside (the chapter's scroll story); the view flies there. */
  set value(next: Partial<EmbeddingState>) {
    this.state = normalizeState({ ...this.state, ...next }, entry.state).state as EmbeddingState;
    if (this.emb && this.data) {
      this.neighbours = this.data.neighboursOf(this.emb, this.state.token, this.cloud?.norms);
      this.chart?.update(this.view(), { camera: this.camera() });
    }
    this.commitNow();
  }

  connectedCallback() {
    this.state = parseState(this.dataset.state ?? '', entry.state).state as EmbeddingState;
    if (this.dataset.urlState === 'on') {
      const params = new URLSearchParams(location.search);
      if (Object.keys(entry.state).some((k) => params.has(k))) {
        const parsed = parseState(params, entry.state);
        this.state = parsed.state as EmbeddingState;
        this.notes = parsed.notes;
      }
    }
    const text = this.get<HTMLTextAreaElement>('text');
    text.value = this.state.text;
    this.renderNotes();
    this.commitNow();
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    text.addEventListener('input', () => this.onType(text.value), { signal: ac.signal });
    this.get('search').addEventListener('submit', (ev) => (ev.preventDefault(), this.search()), { signal: ac.signal });
    this.get('retry').addEventListener('click', () => void this.load(), { signal: ac.signal });
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    clearTimeout(this.typing);
    if (this.committing !== undefined) this.commitNow();
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    await this.load();
  }

  private async load() {
    const status = this.get('status');
    this.get('error').hidden = true;
    status.textContent = 'Loading the embedding matrix (about 1.6 MB)…';
    const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
    try {
      const [weights, data, { cloudFor }, { render }, sceneMod, client] = await Promise.all([
        import('../../model/weights'),
        import('../kit/orbit/cloud'),
        import('../kit/orbit/build-cloud'),
        import('./render'),
        import('../kit/orbit/scene'),
        import('../../model/client'),
      ]);
      const emb = await weights.loadEmbeddings(base);
      if (!this.started) return;
      this.emb = emb;
      this.data = data;
      const cloud = cloudFor(emb);
      this.cloud = cloud;
      const pal = sceneMod.palette(this);
      let scene: import('../kit/orbit/scene').Scene | null = null;
      if (sceneMod.hasWebGL()) {
        try {
          scene = (await import('../kit/orbit/scene-three')).createThreeScene(pal);
        } catch {
          scene = null; // a context that fails late still gets the fallback
        }
      }
      const fallback = !scene;
      if (!scene) scene = (await import('../kit/orbit/scene-2d')).createCanvasScene(pal);
      this.get('fallback').hidden = !fallback;
      this.dataset.view = scene.kind;
      this.neighbours = data.neighboursOf(emb, this.state.token, cloud.norms);
      this.chart?.destroy();
      this.chart = render(this.get('chart'), this.view(), {
        camera: this.camera(),
        home: this.home(),
        scene,
        reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
        onSelect: (id) => this.select(id),
        onCamera: (c) => this.onCamera(c),
      });
      const model = client.getModel();
      this.tokenize = client.latest((text: string) => model.tokenize(text));
      status.textContent = `Live: ${emb.model.id} (version ${emb.model.version}), its embedding matrix loaded in your browser.`;
      await this.retokenize();
    } catch (e) {
      this.get('error-text').textContent = `The embedding matrix could not load: ${e instanceof Error ? e.message : String(e)}`;
      this.get('error').hidden = false;
      status.textContent = 'Example (precomputed when the site was built).';
    }
  }

  private home(): Camera {
    const d = defaults(entry.state);
    return { yaw: d.yaw, pitch: d.pitch, distance: d.distance };
  }

  private camera(): Camera {
    return { yaw: this.state.yaw, pitch: this.state.pitch, distance: this.state.distance };
  }

  private view(): EmbeddingView {
    const emb = this.emb!;
    const cloud = this.cloud!;
    return {
      model: emb.model,
      vocab: emb.vocab,
      matrix: { rows: cloud.n, dims: cloud.d },
      coords: cloud.coords,
      projection: cloud.projection,
      token: this.state.token,
      neighbours: this.neighbours,
      sentence: this.sentence,
    };
  }

  private async retokenize() {
    if (!this.tokenize) return;
    const r = this.state.text ? await this.tokenize(this.state.text) : { tokens: [] };
    if (!r || !this.isConnected) return; // a newer request is on its way
    this.sentence = r.tokens.map((t) => ({ index: t.index, id: t.id, text: t.text }));
    this.source = 'model';
    this.dataset.source = 'model';
    this.chart?.update(this.view());
    this.commitNow();
  }

  private select(id: number, fly = false) {
    if (!this.emb || !this.data) return;
    const next: Partial<EmbeddingState> = { token: id };
    if (fly && this.state.distance > SEARCH_FLY_DISTANCE) next.distance = SEARCH_FLY_DISTANCE;
    this.state = normalizeState({ ...this.state, ...next }, entry.state).state as EmbeddingState;
    this.neighbours = this.data.neighboursOf(this.emb, this.state.token, this.cloud?.norms);
    this.notes = [];
    this.renderNotes();
    this.chart?.update(this.view(), fly ? { camera: this.camera() } : undefined);
    this.commitNow();
  }

  private onCamera(c: Camera) {
    this.state = { ...this.state, ...c };
    clearTimeout(this.committing);
    this.committing = setTimeout(() => this.commitNow(), COMMIT_MS);
  }

  private search() {
    const input = this.get<HTMLInputElement>('query');
    const list = this.get('results');
    if (!this.emb || !this.data) return;
    const ids = this.data.searchTokens(this.emb.vocab, input.value);
    const vocab = this.emb.vocab;
    list.replaceChildren(
      ...ids.map((id) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.tokenId = String(id);
        b.textContent = `${showToken(vocab[id])} (id ${id})`;
        b.addEventListener('click', () => this.select(id, true));
        li.append(b);
        return li;
      }),
    );
    this.get('search-status').textContent = ids.length
      ? `${ids.length} match${ids.length > 1 ? 'es' : ''}; flying to ${showToken(vocab[ids[0]])}.`
      : `No token matches “${input.value}”.`;
    if (ids.length) this.select(ids[0], true);
  }

  private onType(value: string) {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => {
      this.state = { ...this.state, text: normalizeState({ text: value }, entry.state).state.text };
      this.commitNow();
      void this.retokenize();
    }, TYPE_MS);
  }

  private commitNow() {
    clearTimeout(this.committing);
    this.committing = undefined;
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
    if (!this.emb || !this.data) {
      // Before the weights load, the build-time export stays, with the reader's state in it.
      const el = this.get('export');
      el.textContent = JSON.stringify({ ...JSON.parse(el.textContent || '{}'), state: this.state });
      return;
    }
    const out = this.data.exportOf(this.state, this.source, this.emb, this.cloud, this.neighbours, this.sentence);
    this.get('export').textContent = JSON.stringify(out);
  }

  private renderNotes() {
    const list = this.get('notes');
    list.replaceChildren(
      ...this.notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    list.hidden = this.notes.length === 0;
  }
}

if (!customElements.get('glassbox-embedding-space')) customElements.define('glassbox-embedding-space', GlassboxEmbeddingSpace);
