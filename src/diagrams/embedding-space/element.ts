/**
 * <glassbox-embedding-space>: the live wrapper, on the kit's host (../kit/element.ts: state, URL,
 * `el.value`, export, lifecycle). Near the viewport it loads the embedding matrix through the
 * model layer (src/model/assets.ts), runs PCA, opens a WebGL (Three.js) or 2D scene
 * (../kit/orbit/open.ts) and tokenizes the reader's sentence with the model. The chapter's scroll
 * story drives it through `el.value`, which flies there.
 */
import type { Embeddings } from '../../model/weights';
import type { Token } from '../../model/types';
import { withoutState } from '../kit/body';
import { DiagramElement } from '../kit/element';
import { stalePinNote, formatPin } from '../kit/link';
import type { Camera } from '../kit/orbit/camera';
import type { Cloud, EmbeddingExport, EmbeddingState, NeighbourRow, SentenceToken } from '../kit/orbit/cloud';
import { cameraOf, homeOf } from '../kit/orbit/open';
import { showToken } from '../kit/tokens';
import entry from './entry';
import type { EmbeddingChart, EmbeddingView } from './render';

const TYPE_MS = 150; // after the last keystroke
const COMMIT_MS = 150; // camera moves come fast; the URL and export follow once they rest
const SEARCH_FLY_DISTANCE = 1.2; // cloud radii: searching zooms in to at least this close

type Data = typeof import('../kit/orbit/cloud');
type Body = Omit<EmbeddingExport, 'state'>;
type Tokenize = (text: string) => Promise<{ tokens: Token[] } | undefined>;

export class GlassboxEmbeddingSpace extends DiagramElement<EmbeddingState> {
  protected readonly entry = entry;
  /** The build-time export, shown until the weights load. */
  private built!: Body;
  private chart: EmbeddingChart | null = null;
  private emb: Embeddings | null = null;
  private cloud: Cloud | null = null;
  private data: Data | null = null;
  private neighbours: NeighbourRow[] = [];
  private sentence: SentenceToken[] = [];
  private source: EmbeddingExport['source'] = 'example';
  private tokenize: Tokenize | null = null;

  protected connected() {
    this.built = withoutState(this.exportSlot.read<EmbeddingExport>());
    const text = this.byRole<HTMLTextAreaElement>('text');
    text.value = this.state.text;
    this.listen(text, 'input', () => this.life.later('typing', TYPE_MS, () => this.choose({ text: text.value })));
    this.listen(this.byRole('search'), 'submit', (ev) => {
      ev.preventDefault();
      this.search();
    });
    this.listen(this.byRole('retry'), 'click', () => void this.load());
    this.writeState();
    this.mirrorUrl();
  }

  protected async start() {
    await this.load();
  }

  protected stopped() {
    this.chart?.destroy();
    this.chart = null;
    this.tokenize = null;
  }

  protected exportBody(): Body {
    if (!this.emb || !this.data) return this.built;
    return withoutState(this.data.exportOf(this.state, this.source, this.emb, this.cloud, this.neighbours, this.sentence));
  }

  protected extraNotes(): string[] {
    const shown = this.emb?.model;
    return this.pin && shown && formatPin(this.pin) !== formatPin(shown) ? [stalePinNote(this.pin, shown)] : [];
  }

  /** A delayed change is the 3D view's own camera move, which it already shows. */
  protected changed(prev: EmbeddingState, delay: number) {
    if (!this.emb || !this.data) return;
    if (this.state.token !== prev.token) this.neighbours = this.data.neighboursOf(this.emb, this.state.token, this.cloud?.norms);
    if (delay === 0) this.chart?.update(this.view(), { camera: cameraOf(this.state) });
    if (this.state.text !== prev.text) void this.retokenize();
  }

  private async load() {
    const life = this.life;
    const status = this.byRole('status');
    this.byRole('error').hidden = true;
    status.textContent = 'Loading the embedding matrix (about 1.6 MB)…';
    try {
      const [assets, data, { cloudFor }, { render }, { openScene }, client] = await Promise.all([
        import('../../model/assets'),
        import('../kit/orbit/cloud'),
        import('../kit/orbit/build-cloud'),
        import('./render'),
        import('../kit/orbit/open'),
        import('../../model/client'),
      ]);
      const emb = await assets.embeddings();
      if (life.disposed) return; // disconnected while the weights loaded
      this.emb = emb;
      this.data = data;
      this.cloud = cloudFor(emb);
      const scene = await openScene(this, this.byRole('fallback'));
      this.neighbours = data.neighboursOf(emb, this.state.token, this.cloud.norms);
      this.chart?.destroy();
      this.chart = render(this.byRole('chart'), this.view(), {
        camera: cameraOf(this.state),
        home: homeOf(entry.state),
        scene,
        reducedMotion: this.reducedMotion(),
        onSelect: (id) => this.select(id),
        // The view already shows its own camera: the state, URL and export follow once it rests.
        onCamera: (c: Camera) => this.choose(c, COMMIT_MS),
      });
      const model = client.getModel();
      this.tokenize = client.latest((text: string) => model.tokenize(text));
      this.showModel(emb.model);
      this.renderNotes();
      status.textContent = `Live: ${emb.model.id} (version ${emb.model.version}), its embedding matrix loaded in your browser.`;
      await this.retokenize();
    } catch (e) {
      this.byRole('error-text').textContent = `The embedding matrix could not load: ${e instanceof Error ? e.message : String(e)}`;
      this.byRole('error').hidden = false;
      status.textContent = 'Example (precomputed when the site was built).';
    }
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
    this.commit();
  }

  private select(id: number, fly = false) {
    if (!this.emb) return;
    const next: Partial<EmbeddingState> = { token: id };
    if (fly && this.state.distance > SEARCH_FLY_DISTANCE) next.distance = SEARCH_FLY_DISTANCE;
    this.choose(next);
  }

  private search() {
    const input = this.byRole<HTMLInputElement>('query');
    if (!this.emb || !this.data) return;
    const vocab = this.emb.vocab;
    const ids = this.data.searchTokens(vocab, input.value);
    this.byRole('results').replaceChildren(
      ...ids.map((id) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.tokenId = String(id);
        b.textContent = `${showToken(vocab[id])} (id ${id})`;
        this.listen(b, 'click', () => this.select(id, true));
        li.append(b);
        return li;
      }),
    );
    this.byRole('search-status').textContent = ids.length
      ? `${ids.length} match${ids.length > 1 ? 'es' : ''}; flying to ${showToken(vocab[ids[0]])}.`
      : `No token matches “${input.value}”.`;
    if (ids.length) this.select(ids[0], true);
  }
}

if (!customElements.get('glassbox-embedding-space')) customElements.define('glassbox-embedding-space', GlassboxEmbeddingSpace);
