/**
 * <glassbox-layers-story>: the layers chapter's scroll-driven walk through one token's residual
 * stream. Near the viewport it loads gsap, d3, the model and its side files (dynamic imports:
 * the page ships only this file up front), follows the text and token of the page's
 * layer-stack diagram, and fills every `[data-layers-fill]` span and step figure with the
 * trace's numbers. Wider than 700 px, a GSAP ScrollTrigger pins the figure panel beside the
 * steps and shows the figure of the step being read; with prefers-reduced-motion the panel
 * jumps instead of tweening. At 700 px and below each step shows its own figure inline.
 * Timelines and triggers are created in start() and reverted in disconnectedCallback.
 */
import { whenNearViewport } from '../near-viewport';
import { layerStack } from '../registry';
import { parseState } from '../state';
import type { LayersStory } from './data';
import type { StepId } from './figures';

const NEAR_VIEWPORT = '600px 0px';
const WIDE = '(min-width: 701px)';
const REDUCE = '(prefers-reduced-motion: reduce)';
const DEBOUNCE_MS = 150;
const MEASURE = 'glassbox:update:layers-story';
const siteBase = () => (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

type Gsap = typeof import('gsap').gsap;
type Followed = { text: string; token: number };

/** The page's layer-stack state ({ text, token }), or the registry defaults. */
function followed(): Followed {
  const el = document.querySelector<HTMLElement & { value?: Followed }>(`[data-diagram="${layerStack.id}"]`);
  const v = el?.value;
  if (v && typeof v.text === 'string') return { text: v.text, token: v.token };
  const s = parseState(el?.dataset.state ?? '', layerStack.state).state;
  return { text: s.text, token: s.token };
}

export class GlassboxLayersStory extends HTMLElement {
  private started = false;
  private cleanup: (() => void)[] = [];
  private story: LayersStory | null = null;
  private mods: { figures: typeof import('./figures'); fills: typeof import('./fills'); gsap: Gsap } | null = null;
  private key = '';
  private active = 0;
  private reduce = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tl: ReturnType<Gsap['timeline']> | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-layers-story> is missing [data-role="${role}"]`);
    return el;
  }

  private steps(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[data-layers-step]')];
  }

  connectedCallback() {
    const targets = [this, ...document.querySelectorAll('[data-layers-fill]')];
    this.cleanup.push(whenNearViewport(targets, () => void this.start(), NEAR_VIEWPORT));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.cleanup.splice(0).forEach((f) => f());
    this.tl?.kill();
    this.tl = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ gsap }, { ScrollTrigger }, figures, fills, data, client, shared, sideFiles, vocab] = await Promise.all([
      import('gsap'),
      import('gsap/ScrollTrigger'),
      import('./figures'),
      import('./fills'),
      import('./data'),
      import('../../model/client'),
      import('../attention/shared'),
      import('../layers/side-files'),
      import('../layers/vocab'),
    ]);
    if (!this.started) return;
    gsap.registerPlugin(ScrollTrigger);
    this.mods = { figures, fills, gsap };
    this.tl = gsap.timeline({ paused: true });
    this.setupScroll(gsap, ScrollTrigger);
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
      try {
        const s = await run(f);
        if (s === undefined || !this.isConnected) return; // a newer request is on its way
        if (s === null) {
          status.textContent = 'Type a sentence in the layer stack above to follow it through the layers.';
          return;
        }
        this.story = s;
      } catch (e) {
        this.key = '';
        status.textContent = `The live model could not load or run: ${e instanceof Error ? e.message : String(e)}`;
        return;
      }
      const t0 = performance.now();
      this.fill();
      this.drawAll();
      performance.measure(MEASURE, { start: t0, end: performance.now() });
      this.dataset.source = 'model';
      status.textContent = `Live: ${this.story.model.id} (version ${this.story.model.version}), running in your browser, on “${this.story.text}”.`;
      ScrollTrigger.refresh();
    };
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
    };
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

  private setupScroll(gsap: Gsap, ScrollTrigger: typeof import('gsap/ScrollTrigger').ScrollTrigger) {
    const mm = gsap.matchMedia();
    this.cleanup.push(() => mm.revert());
    const panel = this.get('panel');
    const stepsEl = this.get('steps');
    mm.add({ wide: WIDE, reduce: REDUCE }, (ctx) => {
      const { wide, reduce } = ctx.conditions as { wide: boolean; reduce: boolean };
      this.reduce = reduce;
      this.drawAll();
      if (!wide) return;
      ScrollTrigger.create({
        trigger: stepsEl,
        start: 'top 16px',
        end: () => `bottom ${panel.offsetHeight + 16}px`,
        pin: panel,
        pinSpacing: false,
        invalidateOnRefresh: true,
      });
      this.steps().forEach((step, i) => {
        ScrollTrigger.create({ trigger: step, start: 'top 60%', end: 'bottom 60%', onToggle: (self) => self.isActive && this.show(i) });
      });
      return () => this.steps().forEach((s) => s.classList.remove('is-active'));
    });
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

  private drawAll() {
    if (!this.story || !this.mods) return;
    for (const fig of this.querySelectorAll<HTMLElement>('[data-layers-figure]')) {
      if (fig.offsetParent === null) continue; // hidden on this screen size; drawn when shown
      this.mods.figures.drawFigure(fig, this.story, fig.dataset.layersFigure as StepId, fig.clientWidth);
    }
    this.drawPanel();
  }

  private drawPanel() {
    if (!this.story || !this.mods) return;
    const step = this.steps()[this.active];
    const fig = this.get('panel-figure');
    if (fig.offsetParent === null) return;
    this.get('panel-title').textContent = step?.querySelector('h3')?.textContent ?? '';
    this.mods.figures.drawFigure(fig, this.story, (step?.dataset.layersStep ?? 'embed') as StepId, fig.clientWidth);
  }

  /** Make step i the one the panel shows: a short fade, or a jump with reduced motion. */
  private show(i: number) {
    if (i === this.active && this.get('panel-figure').childElementCount) return;
    this.active = i;
    this.steps().forEach((s, j) => s.classList.toggle('is-active', j === i));
    this.drawPanel();
    if (!this.tl || this.reduce) return;
    this.tl.clear();
    this.tl.fromTo(this.get('panel-figure'), { autoAlpha: 0, y: 12 }, { autoAlpha: 1, y: 0, duration: 0.35, ease: 'power2.out' });
    this.tl.restart();
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
