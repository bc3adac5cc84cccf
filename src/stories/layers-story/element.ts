/**
 * <glassbox-layers-story>: the layers chapter's scroll-driven walk through one token's residual
 * stream (the pinning, loading and tweening are ScrollStoryElement's). It follows the text and
 * token of the page's layer-stack diagram, runs them through the model with its side files,
 * and fills every `[data-layers-fill]` span and step figure with the trace's numbers.
 */
import layerStack from '../../diagrams/layer-stack/entry';
import { ScrollStoryElement } from '../scroll-story';
import { parseState } from '../../diagrams/kit/state';
import type { LayersStory } from './data';
import type { StepId } from './figures';

const MEASURE = 'glassbox:update:layers-story';
const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

type Followed = { text: string; token: number };
type Modules = {
  figures: typeof import('./figures');
  fills: typeof import('./fills');
  data: typeof import('./data');
  client: typeof import('../../model/client');
  shared: typeof import('../../diagrams/kit/sources/trace');
  sideFiles: typeof import('../../diagrams/kit/sources/side-files');
  vocab: typeof import('../../diagrams/kit/sources/vocab');
};

/** The page's layer-stack state ({ text, token }), or the registry defaults. */
function followed(): Followed {
  const el = document.querySelector<HTMLElement & { value?: Followed }>(`[data-diagram="${layerStack.id}"]`);
  const v = el?.value;
  if (v && typeof v.text === 'string') return { text: v.text, token: v.token };
  const s = parseState(el?.dataset.state ?? '', layerStack.state).state;
  return { text: s.text, token: s.token };
}

export class GlassboxLayersStory extends ScrollStoryElement<LayersStory> {
  protected readonly attrs = { step: 'data-layers-step', figure: 'data-layers-figure', fill: 'data-layers-fill' };
  protected readonly firstStep: StepId = 'embed';
  private mods: Modules | null = null;
  private key = '';

  protected async load() {
    const [figures, fills, data, client, shared, sideFiles, vocab] = await Promise.all([
      import('./figures'),
      import('./fills'),
      import('./data'),
      import('../../model/client'),
      import('../../diagrams/kit/sources/trace'),
      import('../../diagrams/kit/sources/side-files'),
      import('../../diagrams/kit/sources/vocab'),
    ]);
    this.mods = { figures, fills, data, client, shared, sideFiles, vocab };
  }

  protected async begin() {
    if (!this.mods) return;
    const { client, shared, sideFiles, vocab, data } = this.mods;
    const model = client.getModel();
    const run = client.latest(async (f: Followed) => {
      const tr = await shared.sharedTrace(model, f.text);
      if (tr.tokens.length === 0) return null;
      const [side, v] = await Promise.all([
        sideFiles.loadSideFiles(siteBase(), tr.model.id),
        vocab.loadVocab(siteBase(), tr.model.id, tr.model.vocabSize),
      ]);
      return data.buildLayersStory(tr, side, v, f.token - 1);
    });
    const refresh = async () => {
      const f = followed();
      const key = JSON.stringify(f);
      if (key === this.key) return;
      this.key = key;
      const status = this.get('status');
      status.textContent = 'Running your sentence through the model…';
      let s: LayersStory;
      try {
        const got = await run(f);
        if (got === undefined || !this.isConnected) return; // a newer request is on its way
        if (got === null) {
          status.textContent = 'Type a sentence in the layer stack above to follow it through the layers.';
          return;
        }
        s = got;
      } catch (e) {
        this.key = '';
        status.textContent = `The live model could not load or run: ${e instanceof Error ? e.message : String(e)}`;
        return;
      }
      this.story = s;
      const t0 = performance.now();
      this.fill();
      this.drawAll();
      performance.measure(MEASURE, { start: t0, end: performance.now() });
      this.dataset.source = 'model';
      status.textContent = `Live: ${s.model.id} (version ${s.model.version}), running in your browser, on “${s.text}”.`;
      this.relayout();
    };
    const later = () => this.later(() => void refresh());
    const stack = document.querySelector(`[data-diagram="${layerStack.id}"]`);
    if (stack) {
      stack.addEventListener('input', later);
      const mo = new MutationObserver(later);
      mo.observe(stack, { attributes: true, attributeFilter: ['data-state'] });
      this.cleanup.push(() => {
        stack.removeEventListener('input', later);
        mo.disconnect();
      });
    }
    await refresh();
  }

  protected drawFigure(fig: HTMLElement, id: string, width: number) {
    if (this.story && this.mods) this.mods.figures.drawFigure(fig, this.story, id as StepId, width);
  }

  private fill() {
    if (!this.story || !this.mods) return;
    const values = this.mods.fills.fillsOf(this.story);
    document.querySelectorAll<HTMLElement>('[data-layers-fill]').forEach((el) => {
      const v = values[el.dataset.layersFill ?? ''];
      if (v !== undefined) el.textContent = v;
    });
    this.table();
  }

  /** The text alternative: the stream's length at every level and what each block adds. */
  private table() {
    const s = this.story;
    if (!s || !this.mods) return;
    const { num } = this.mods.fills;
    this.get('table-caption').textContent = `The stream of “${s.tokens[s.token].text}” (token ${s.token + 1}) through the stack`;
    this.get('table-body').replaceChildren(
      ...s.streams.map((v, l) => {
        const tr = document.createElement('tr');
        const cells = [l === 0 ? 'embedding' : `layer ${l}`, l ? num(s.attn[l - 1]) : '–', l ? num(s.mlp[l - 1]) : '–', num(v)];
        for (const c of cells) {
          const td = document.createElement('td');
          td.textContent = c;
          tr.append(td);
        }
        return tr;
      }),
    );
  }
}

if (!customElements.get('glassbox-layers-story')) customElements.define('glassbox-layers-story', GlassboxLayersStory);
