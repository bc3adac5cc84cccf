/**
 * <glassbox-attention-story>: the chapter's scroll-driven walk through one attention head (the
 * pinning, loading and tweening are ScrollStoryElement's). It runs the page's sentence through
 * the model and fills every `[data-fill]` span on the page and every step figure with the
 * trace's numbers.
 */
import type { HeadScores } from '../../diagrams/kit/head-scores';
import { ScrollStoryElement, type Timeline } from '../scroll-story';
import { percent } from '../../diagrams/kit/tokens';
import type { StoryData } from './data';
import type { StepId } from './figures';

const MEASURE = 'glassbox:update:attention-story';

type Modules = {
  figures: typeof import('./figures');
  data: typeof import('./data');
  fills: typeof import('./fills');
  client: typeof import('../../model/client');
  link: typeof import('../../diagrams/attention-heads/link');
};

export class GlassboxAttentionStory extends ScrollStoryElement<StoryData> {
  protected readonly attrs = { step: 'data-step', figure: 'data-figure', fill: 'data-fill' };
  protected readonly firstStep: StepId = 'context';
  private mods: Modules | null = null;
  private heads: HeadScores | null = null;
  private text = '';
  private request: ((text: string) => Promise<import('../../model/types').Trace | undefined>) | null = null;

  disconnectedCallback() {
    super.disconnectedCallback();
    this.request = null;
  }

  protected async load() {
    const [figures, data, fills, client, link] = await Promise.all([
      import('./figures'),
      import('./data'),
      import('./fills'),
      import('../../model/client'),
      import('../../diagrams/attention-heads/link'),
    ]);
    this.mods = { figures, data, fills, client, link };
  }

  protected async begin() {
    if (!this.mods) return;
    const { client, link } = this.mods;
    const model = client.getModel();
    this.request = client.latest((text: string) => model.trace(text));
    this.text = link.attentionText();
    const onClick = (ev: MouseEvent) => {
      const button = (ev.target as Element | null)?.closest?.('[data-action="show-story-head"]');
      const d = this.story;
      if (!button || !d) return;
      link.selectInAttention({ layer: d.layer + 1, head: d.head + 1, token: d.query + 1 });
      document.querySelector('[data-diagram="attention"]')?.scrollIntoView({ block: 'start', behavior: this.reduce ? 'auto' : 'smooth' });
    };
    document.addEventListener('click', onClick);
    this.cleanup.push(() => document.removeEventListener('click', onClick));
    this.cleanup.push(
      link.followAttention((s) => {
        if (s.text === this.text) return;
        this.text = s.text;
        this.later(() => void this.refresh());
      }),
    );
    await this.refresh();
  }

  protected drawFigure(fig: HTMLElement, id: string, width: number) {
    if (this.story && this.mods) this.mods.figures.drawFigure(fig, this.story, id as StepId, { width });
  }

  /** The bars grow from zero as the panel's figure fades in. */
  protected tweenPanel(tl: Timeline, fig: HTMLElement) {
    const bars = fig.querySelectorAll('.gb-st-bar, .gb-st-strip');
    if (bars.length) tl.from(bars, { scaleX: 0, transformOrigin: '0% 50%', duration: 0.4, stagger: 0.02, ease: 'power2.out' }, 0.1);
  }

  private async refresh() {
    if (!this.request || !this.mods) return;
    const status = this.get('status');
    if (this.text.trim() === '') {
      status.textContent = 'Type a sentence in the diagram above to follow it through attention.';
      return;
    }
    status.textContent = 'Running your sentence through the model…';
    try {
      const trace = await this.request(this.text);
      if (!trace || !this.isConnected) return; // a newer request is on its way
      if (!this.heads) {
        const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
        this.heads = await (await import('../../diagrams/kit/head-scores')).loadHeadScores(base, trace.model.id).catch(() => null);
      }
      if (trace.tokens.length === 0) return;
      this.story = this.mods.data.buildStory(trace);
    } catch (e) {
      status.textContent = `The live model could not load or run: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    const t0 = performance.now();
    this.fill();
    this.drawAll();
    performance.measure(MEASURE, { start: t0, end: performance.now() });
    this.dataset.source = 'model';
    status.textContent = `Live: ${this.story.model.id} (version ${this.story.model.version}), running in your browser, on “${this.story.text}”.`;
    this.relayout();
  }

  private fill() {
    if (!this.story || !this.mods) return;
    const values = this.mods.fills.fillsOf(this.story, this.heads);
    document.querySelectorAll<HTMLElement>('[data-fill]').forEach((el) => {
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
    this.get('table-caption').textContent =
      `From ${quoted(d.tokens[d.query].text)} in layer ${d.layer + 1}, head ${d.head + 1}: each token's score and weight`;
    const body = this.get('table-body');
    body.replaceChildren(
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
