/**
 * <glassbox-layers-story>: the layers chapter's scroll-driven walk through one token's residual
 * stream (the start near the viewport, pinning, tweening and cleanup are connectScrollStory's).
 * It follows the text and token of the page's layer-stack diagram, runs them through the model
 * with its side files, and fills every `[data-layers-fill]` span and step figure with the
 * trace's numbers.
 */
import layerStack from '../../diagrams/layer-stack/entry';
import type { Lifecycle } from '../../diagrams/kit/lifecycle';
import { parseState } from '../../diagrams/kit/state';
import { connectScrollStory, DEBOUNCE_MS, part, type ScrollStory } from '../scroll-story';
import type { LayersStory } from './data';
import type { StepId } from './figures';

const MEASURE = 'glassbox:update:layers-story';
const ATTRS = { step: 'data-layers-step', figure: 'data-layers-figure', fill: 'data-layers-fill' };

type Followed = { text: string; token: number };
type Modules = {
  figures: typeof import('./figures');
  fills: typeof import('./fills');
  data: typeof import('./data');
  client: typeof import('../../model/client');
  assets: typeof import('../../model/assets');
};

async function loadModules(): Promise<Modules> {
  const [figures, fills, data, client, assets] = await Promise.all([
    import('./figures'),
    import('./fills'),
    import('./data'),
    import('../../model/client'),
    import('../../model/assets'),
  ]);
  return { figures, fills, data, client, assets };
}

/** The page's layer-stack state ({ text, token }), or the registry defaults. */
function followed(): Followed {
  const el = document.querySelector<HTMLElement & { value?: Followed }>(`[data-diagram="${layerStack.id}"]`);
  const v = el?.value;
  if (v && typeof v.text === 'string') return { text: v.text, token: v.token };
  const s = parseState(el?.dataset.state ?? '', layerStack.state).state;
  return { text: s.text, token: s.token };
}

export class GlassboxLayersStory extends HTMLElement {
  private life: Lifecycle | null = null;
  private story: LayersStory | null = null;
  private mods: Modules | null = null;
  private key = '';

  connectedCallback() {
    this.life = connectScrollStory(this, {
      attrs: ATTRS,
      firstStep: 'embed' satisfies StepId,
      load: loadModules,
      ready: () => this.story !== null,
      drawFigure: (m, fig, id, width) => this.story && m.figures.drawFigure(fig, this.story, id as StepId, width),
      begin: (life, pin, m) => this.begin(life, pin, m),
    });
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  /** Follow the layer stack's text and token and run the model on them. */
  private async begin(life: Lifecycle, pin: ScrollStory, mods: Modules) {
    this.mods = mods;
    const { client, assets, data } = mods;
    const model = client.getModel();
    const run = client.latest(async (f: Followed) => {
      const tr = await model.trace(f.text);
      if (tr.tokens.length === 0) return null;
      const [side, vocab] = await Promise.all([assets.sideFiles(tr.model.id), assets.vocabulary(tr.model.id, tr.model.vocabSize)]);
      return data.buildLayersStory(tr, side, vocab, f.token - 1);
    });
    const refresh = async () => {
      const f = followed();
      const key = JSON.stringify(f);
      if (key === this.key || life.disposed) return;
      this.key = key;
      const status = part(this, 'status');
      status.textContent = 'Running your sentence through the model…';
      let s: LayersStory;
      try {
        const got = await run(f);
        if (got === undefined || life.disposed) return; // a newer request is on its way, or the story left the page
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
      pin.drawAll();
      performance.measure(MEASURE, { start: t0, end: performance.now() });
      this.dataset.source = 'model';
      status.textContent = `Live: ${s.model.id} (version ${s.model.version}), running in your browser, on “${s.text}”.`;
      pin.relayout();
    };
    const later = () => life.later('refresh', DEBOUNCE_MS, () => void refresh());
    const stack = document.querySelector(`[data-diagram="${layerStack.id}"]`);
    if (stack) {
      stack.addEventListener('input', later, { signal: life.signal });
      const mo = new MutationObserver(later);
      mo.observe(stack, { attributes: true, attributeFilter: ['data-state'] });
      life.add(() => mo.disconnect());
    }
    await refresh();
  }

  private fill() {
    if (!this.story || !this.mods) return;
    const values = this.mods.fills.fillsOf(this.story);
    document.querySelectorAll<HTMLElement>(`[${ATTRS.fill}]`).forEach((el) => {
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
    part(this, 'table-caption').textContent = `The stream of “${s.tokens[s.token].text}” (token ${s.token + 1}) through the stack`;
    part(this, 'table-body').replaceChildren(
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
