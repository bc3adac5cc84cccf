/**
 * The lifecycle shared by the chapters' scroll stories (<glassbox-attention-story>,
 * <glassbox-layers-story>): steps on the left, each with its own inline figure, and, wider than
 * 700 px, a panel pinned beside them by a GSAP ScrollTrigger that shows the figure of the step
 * being read. With prefers-reduced-motion the panel jumps instead of tweening.
 *
 * Near the viewport the element loads gsap, ScrollTrigger and the subclass's own modules
 * (dynamic imports: a page ships only the element up front), sets up the pinning, then hands
 * over to the subclass, which fetches the model's numbers and calls drawAll(). Timelines,
 * triggers and listeners are made in start() and undone in disconnectedCallback.
 */
import { whenNearViewport } from '../diagrams/kit/lifecycle';
import { observeWidth } from '../diagrams/kit/lifecycle';

/** Start the ~5 MB model download a little before the reader reaches the story. */
const NEAR_VIEWPORT = '600px 0px';
const WIDE = '(min-width: 701px)';
const REDUCE = '(prefers-reduced-motion: reduce)';
/** ms after the followed sentence last changed before the story reruns the model. */
const DEBOUNCE_MS = 150;

export type Gsap = typeof import('gsap').gsap;
export type Timeline = ReturnType<Gsap['timeline']>;
type ScrollTriggerType = typeof import('gsap/ScrollTrigger').ScrollTrigger;

/** Where a story's markup keeps its parts: attribute names on the steps and figures. */
export interface StoryAttributes {
  /** On each step's <section>; its value is the step's figure id. */
  step: string;
  /** On each step's inline figure; its value is the figure id. */
  figure: string;
  /** On the spans outside the story that it fills with numbers (they start it too). */
  fill: string;
}

export abstract class ScrollStoryElement<S> extends HTMLElement {
  protected story: S | null = null;
  protected cleanup: (() => void)[] = [];
  protected reduce = false;
  protected tl: Timeline | null = null;
  protected timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private active = 0;
  private scrollTrigger: ScrollTriggerType | null = null;

  protected abstract readonly attrs: StoryAttributes;
  /** The figure the panel shows before any step has been reached. */
  protected abstract readonly firstStep: string;
  /** Load the subclass's modules, in parallel with gsap. */
  protected abstract load(): Promise<void>;
  /** Everything after the pinning is set up: follow the page, run the model, fill and draw. */
  protected abstract begin(): Promise<void>;
  /** Draw figure `id` from this.story into `fig`, `width` px wide. */
  protected abstract drawFigure(fig: HTMLElement, id: string, width: number): void;

  /** One of the story's parts, by its data-role; missing markup is a bug, so it throws. */
  protected get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<${this.localName}> is missing [data-role="${role}"]`);
    return el;
  }

  protected steps(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>(`[${this.attrs.step}]`)];
  }

  connectedCallback() {
    const targets = [this, ...document.querySelectorAll(`[${this.attrs.fill}]`)];
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
    const [{ gsap }, { ScrollTrigger }] = await Promise.all([import('gsap'), import('gsap/ScrollTrigger'), this.load()]);
    if (!this.started) return; // disconnected while the modules loaded
    gsap.registerPlugin(ScrollTrigger);
    this.scrollTrigger = ScrollTrigger;
    this.tl = gsap.timeline({ paused: true });
    this.setupScroll(gsap, ScrollTrigger);
    await this.begin();
  }

  /** Run `fn` once the page has been still for DEBOUNCE_MS; a newer call replaces an older one. */
  protected later(fn: () => void) {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, DEBOUNCE_MS);
  }

  /** Figures changed height: let ScrollTrigger measure the pin again. */
  protected relayout() {
    this.scrollTrigger?.refresh();
  }

  /** Pin the panel and follow the steps on wide screens; undone on narrow ones and on disconnect. */
  private setupScroll(gsap: Gsap, ScrollTrigger: ScrollTriggerType) {
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

  /** Every figure that is visible on this screen size, then the panel. */
  protected drawAll() {
    if (!this.story) return;
    for (const fig of this.querySelectorAll<HTMLElement>(`[${this.attrs.figure}]`)) {
      if (fig.offsetParent === null) continue; // hidden on this screen size; drawn when shown
      this.drawFigure(fig, fig.getAttribute(this.attrs.figure) ?? this.firstStep, fig.clientWidth);
    }
    this.drawPanel();
  }

  private drawPanel() {
    if (!this.story) return;
    const step = this.steps()[this.active];
    const fig = this.get('panel-figure');
    if (fig.offsetParent === null) return;
    this.get('panel-title').textContent = step?.querySelector('h3')?.textContent ?? '';
    this.drawFigure(fig, step?.getAttribute(this.attrs.step) ?? this.firstStep, fig.clientWidth);
  }

  /** Extra tweens for the panel's figure after it fades in (the timeline is already cleared). */
  protected tweenPanel(_tl: Timeline, _fig: HTMLElement): void {}

  /** Make step i the one the panel shows: a short tween, or a jump with reduced motion. */
  private show(i: number) {
    if (i === this.active && this.get('panel-figure').childElementCount) return;
    this.active = i;
    this.steps().forEach((s, j) => s.classList.toggle('is-active', j === i));
    this.drawPanel();
    const tl = this.tl;
    if (!tl || this.reduce) return;
    const fig = this.get('panel-figure');
    tl.clear();
    tl.fromTo(fig, { autoAlpha: 0, y: 12 }, { autoAlpha: 1, y: 0, duration: 0.35, ease: 'power2.out' });
    this.tweenPanel(tl, fig);
    tl.restart();
  }
}
