/**
 * <glassbox-attention-story>: the chapter's scroll-driven walk through one attention head.
 * Near the viewport it loads gsap, d3 and the model (dynamic imports: the page ships only this
 * file up front), runs the page's sentence through the model and fills every `[data-fill]`
 * span on the page and every step figure with the trace's numbers.
 *
 * Wider than 700 px, a GSAP ScrollTrigger pins the figure panel beside the steps and shows the
 * figure of the step being read; with prefers-reduced-motion the panel jumps instead of
 * tweening. At 700 px and below nothing is pinned: each step shows its own figure inline.
 * Timelines and triggers are created in start() (from connectedCallback) and reverted in
 * disconnectedCallback.
 */
import type { HeadScores } from '../attention-heads/head-scores';
import { percent } from '../tokens';
import type { StoryData } from './data';
import type { StepId } from './figures';
import { whenNearViewport } from '../near-viewport';
import { observeWidth } from '../observe-width';

/** Start the ~5 MB model download a little before the reader reaches the story. */
const NEAR_VIEWPORT = '600px 0px';
const WIDE = '(min-width: 701px)';
const REDUCE = '(prefers-reduced-motion: reduce)';
const DEBOUNCE_MS = 150; // ms after the page's sentence last changed
const MEASURE = 'glassbox:update:attention-story';

type Gsap = typeof import('gsap').gsap;
type Timeline = ReturnType<Gsap['timeline']>;
type Modules = {
  gsap: Gsap;
  figures: typeof import('./figures');
  data: typeof import('./data');
  fills: typeof import('./fills');
};

export class GlassboxAttentionStory extends HTMLElement {
  private mods: Modules | null = null;
  private started = false;
  private cleanup: (() => void)[] = [];
  private story: StoryData | null = null;
  private heads: HeadScores | null = null;
  private text = '';
  private active = 0;
  private reduce = false;
  private tl: Timeline | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: ((text: string) => Promise<import('../../model/types').Trace | undefined>) | null = null;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-attention-story> is missing [data-role="${role}"]`);
    return el;
  }

  private steps(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[data-step]')];
  }

  connectedCallback() {
    // Fills outside the story (e.g. the verdict under the main diagram) start it too.
    const targets = [this, ...document.querySelectorAll('[data-fill]')];
    this.cleanup.push(whenNearViewport(targets, () => void this.start(), NEAR_VIEWPORT));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.cleanup.splice(0).forEach((f) => f());
    this.tl?.kill();
    this.tl = null;
    this.request = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const [{ gsap }, { ScrollTrigger }, figures, data, fills, client, link] = await Promise.all([
      import('gsap'),
      import('gsap/ScrollTrigger'),
      import('./figures'),
      import('./data'),
      import('./fills'),
      import('../../model/client'),
      import('../attention-heads/link'),
    ]);
    if (!this.started) return; // disconnected while the modules loaded
    gsap.registerPlugin(ScrollTrigger);
    this.mods = { gsap, figures, data, fills };
    this.tl = gsap.timeline({ paused: true });
    this.setupScroll(gsap, ScrollTrigger);

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
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
      }),
    );
    await this.refresh();
  }

  /** Pin the panel and follow the steps on wide screens; undone on narrow ones and on disconnect. */
  private setupScroll(gsap: Gsap, ScrollTrigger: typeof import('gsap/ScrollTrigger').ScrollTrigger) {
    const mm = gsap.matchMedia();
    this.cleanup.push(() => mm.revert());
    const panel = this.get('panel');
    const stepsEl = this.get('steps');
    mm.add({ wide: WIDE, reduce: REDUCE }, (ctx) => {
      const { wide, reduce } = ctx.conditions as { wide: boolean; reduce: boolean };
      this.reduce = reduce;
      // The inline figures (narrow) or the panel (wide) just became visible: draw them.
      this.drawAll();
      if (!wide) return;
      ScrollTrigger.create({
        trigger: stepsEl,
        start: 'top 16px',
        // Unpin when the last step's bottom reaches the panel's bottom (px from the viewport top).
        end: () => `bottom ${panel.offsetHeight + 16}px`,
        pin: panel,
        pinSpacing: false,
        invalidateOnRefresh: true,
      });
      this.steps().forEach((step, i) => {
        ScrollTrigger.create({
          trigger: step,
          start: 'top 60%',
          end: 'bottom 60%',
          onToggle: (self) => {
            if (self.isActive) this.show(i);
          },
        });
      });
      return () => this.steps().forEach((s) => s.classList.remove('is-active'));
    });
    let width = this.clientWidth;
    this.cleanup.push(
      observeWidth(this, () => width, (w) => {
        width = w;
        this.drawAll();
      }),
    );
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
        this.heads = await (await import('../attention-heads/head-scores')).loadHeadScores(base, trace.model.id).catch(() => null);
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
    (await import('gsap/ScrollTrigger')).ScrollTrigger.refresh();
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

  private drawAll() {
    if (!this.story || !this.mods) return;
    for (const fig of this.querySelectorAll<HTMLElement>('[data-figure]')) {
      if (fig.offsetParent === null) continue; // hidden on this screen size; drawn when shown
      this.mods.figures.drawFigure(fig, this.story, fig.dataset.figure as StepId, { width: fig.clientWidth });
    }
    this.drawPanel();
  }

  private drawPanel() {
    if (!this.story || !this.mods) return;
    const steps = this.steps();
    const id = (steps[this.active]?.dataset.step ?? 'context') as StepId;
    const fig = this.get('panel-figure');
    if (fig.offsetParent === null) return;
    this.get('panel-title').textContent = steps[this.active]?.querySelector('h3')?.textContent ?? '';
    this.mods.figures.drawFigure(fig, this.story, id, { width: fig.clientWidth });
  }

  /** Make step i the one the panel shows: a short tween, or a jump with reduced motion. */
  private show(i: number) {
    if (i === this.active && this.get('panel-figure').childElementCount) return;
    this.active = i;
    this.steps().forEach((s, j) => s.classList.toggle('is-active', j === i));
    this.drawPanel();
    const tl = this.tl;
    if (!tl || !this.mods || this.reduce) return;
    const fig = this.get('panel-figure');
    tl.clear();
    tl.fromTo(fig, { autoAlpha: 0, y: 12 }, { autoAlpha: 1, y: 0, duration: 0.35, ease: 'power2.out' });
    const bars = fig.querySelectorAll('.gb-st-bar, .gb-st-strip');
    if (bars.length) tl.from(bars, { scaleX: 0, transformOrigin: '0% 50%', duration: 0.4, stagger: 0.02, ease: 'power2.out' }, 0.1);
    tl.restart();
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
