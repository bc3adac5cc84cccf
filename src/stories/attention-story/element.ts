/**
 * <glassbox-attention-story>: the chapter's scroll-driven walk through one attention head (the
 * start near the viewport, pinning, tweening and cleanup are connectScrollStory's). It runs the page's sentence through the model and fills every
 * `[data-fill]` span on the page and every step figure with the trace's numbers.
 */
import type { Lifecycle } from '../../diagrams/kit/lifecycle';
import { percent } from '../../diagrams/kit/tokens';
import type { HeadScores } from '../../model/assets';
import type { Trace } from '../../model/types';
import { connectScrollStory, DEBOUNCE_MS, part, type ScrollStory, type Timeline } from '../scroll-story';
import type { StoryData } from './data';
import type { StepId } from './figures';

const MEASURE = 'glassbox:update:attention-story';
const ATTRS = { step: 'data-step', figure: 'data-figure', fill: 'data-fill' };

type Modules = {
  figures: typeof import('./figures');
  data: typeof import('./data');
  fills: typeof import('./fills');
  client: typeof import('../../model/client');
  assets: typeof import('../../model/assets');
  link: typeof import('../../diagrams/attention-heads/link');
};

async function loadModules(): Promise<Modules> {
  const [figures, data, fills, client, assets, link] = await Promise.all([
    import('./figures'),
    import('./data'),
    import('./fills'),
    import('../../model/client'),
    import('../../model/assets'),
    import('../../diagrams/attention-heads/link'),
  ]);
  return { figures, data, fills, client, assets, link };
}

/** The bars grow from zero as the panel's figure fades in. */
function tweenPanel(tl: Timeline, fig: HTMLElement) {
  const bars = fig.querySelectorAll('.gb-st-bar, .gb-st-strip');
  if (bars.length) tl.from(bars, { scaleX: 0, transformOrigin: '0% 50%', duration: 0.4, stagger: 0.02, ease: 'power2.out' }, 0.1);
}

export class GlassboxAttentionStory extends HTMLElement {
  private life: Lifecycle | null = null;
  private story: StoryData | null = null;
  private mods: Modules | null = null;
  private heads: HeadScores | null = null;
  private text = '';

  connectedCallback() {
    this.life = connectScrollStory(this, {
      attrs: ATTRS,
      firstStep: 'context' satisfies StepId,
      load: loadModules,
      ready: () => this.story !== null,
      drawFigure: (m, fig, id, width) => this.story && m.figures.drawFigure(fig, this.story, id as StepId, { width }),
      tweenPanel,
      begin: (life, pin, m) => this.begin(life, pin, m),
    });
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  /** Follow the attention diagram's sentence and run the model on it. */
  private async begin(life: Lifecycle, pin: ScrollStory, mods: Modules) {
    this.mods = mods;
    const { client, link } = mods;
    const model = client.getModel();
    const request = client.latest((text: string) => model.trace(text));
    const refresh = () => this.refresh(life, pin, request);
    this.text = link.attentionText();
    document.addEventListener(
      'click',
      (ev) => {
        const button = (ev.target as Element | null)?.closest?.('[data-action="show-story-head"]');
        const d = this.story;
        if (!button || !d) return;
        link.selectInAttention({ layer: d.layer + 1, head: d.head + 1, token: d.query + 1 });
        document.querySelector('[data-diagram="attention"]')?.scrollIntoView({ block: 'start', behavior: pin.reduce ? 'auto' : 'smooth' });
      },
      { signal: life.signal },
    );
    life.add(
      link.followAttention((s) => {
        if (s.text === this.text) return;
        this.text = s.text;
        life.later('refresh', DEBOUNCE_MS, () => void refresh());
      }),
    );
    await refresh();
  }

  private async refresh(life: Lifecycle, pin: ScrollStory, request: (text: string) => Promise<Trace | undefined>) {
    if (life.disposed || !this.mods) return;
    const status = part(this, 'status');
    if (this.text.trim() === '') {
      status.textContent = 'Type a sentence in the diagram above to follow it through attention.';
      return;
    }
    status.textContent = 'Running your sentence through the model…';
    try {
      const trace = await request(this.text);
      if (!trace || life.disposed) return; // a newer request is on its way, or the story left the page
      this.heads ??= await this.mods.assets.headScores(trace.model.id).catch(() => null);
      if (trace.tokens.length === 0) return;
      this.story = this.mods.data.buildStory(trace);
    } catch (e) {
      status.textContent = `The live model could not load or run: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    const t0 = performance.now();
    this.fill();
    pin.drawAll();
    performance.measure(MEASURE, { start: t0, end: performance.now() });
    this.dataset.source = 'model';
    status.textContent = `Live: ${this.story.model.id} (version ${this.story.model.version}), running in your browser, on “${this.story.text}”.`;
    pin.relayout();
  }

  private fill() {
    if (!this.story || !this.mods) return;
    const values = this.mods.fills.fillsOf(this.story, this.heads);
    document.querySelectorAll<HTMLElement>(`[${ATTRS.fill}]`).forEach((el) => {
      const v = values[el.dataset.fill ?? ''];
      if (v !== undefined) el.textContent = v;
    });
    this.table();
    const d = this.story;
    document.querySelectorAll<HTMLButtonElement>('[data-action="show-story-head"]').forEach((b) => {
      b.textContent = `Show layer ${d.layer + 1}, head ${d.head + 1} in the diagram`;
      b.hidden = false;
    });
  }

  /** The text alternative: every token's score and weight, the model's and the recomputed. */
  private table() {
    const d = this.story;
    if (!d || !this.mods) return;
    const { num, quoted } = this.mods.fills;
    part(this, 'table-caption').textContent =
      `From ${quoted(d.tokens[d.query].text)} in layer ${d.layer + 1}, head ${d.head + 1}: each token's score and weight`;
    part(this, 'table-body').replaceChildren(
      ...d.tokens.map((t, j) => {
        const tr = document.createElement('tr');
        const cells = [
          String(j + 1),
          quoted(t.text),
          j <= d.query ? num(d.dots[j]) : '–',
          num(d.scores[j]),
          percent(d.weights[j]),
          percent(d.recomputed[j]),
        ];
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

if (!customElements.get('glassbox-attention-story')) {
  customElements.define('glassbox-attention-story', GlassboxAttentionStory);
}
