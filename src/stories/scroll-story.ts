/**
 * The pinned panel shared by the chapters' GSAP scroll stories (<glassbox-attention-story>,
 * <glassbox-layers-story>): steps on the left, each with its own inline figure, and, wider than
 * 700 px, a panel pinned beside them by a GSAP ScrollTrigger that shows the figure of the step
 * being read. With prefers-reduced-motion the panel jumps instead of tweening.
 *
 * A part, not a base: a story element creates one ScrollStory per connection, calls `start()`
 * near the viewport (it loads gsap and ScrollTrigger, dynamic imports, so a page ships only the
 * element up front), `drawAll()` once it has numbers, and `dispose()` on disconnect, which kills
 * the timeline, the triggers and the width observer. `connectScrollStory` does those steps with
 * the kit's connectLifecycle, so an element's connectedCallback is one call.
 */
import { connectLifecycle, observeWidth, type Lifecycle } from '../diagrams/kit/lifecycle';

/** Start the ~5 MB model download a little before the reader reaches the story (CSS margin). */
const STORY_NEAR = '600px 0px';
/** ms after the followed sentence last changed before a story reruns the model. */
export const DEBOUNCE_MS = 150;
const WIDE = '(min-width: 701px)';
const REDUCE = '(prefers-reduced-motion: reduce)';

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

export interface ScrollStoryOptions {
  attrs: StoryAttributes;
  /** The figure the panel shows before any step has been reached. */
  firstStep: string;
  /** Whether the story has numbers to draw yet; figures are left alone until it does. */
  ready(): boolean;
  /** Draw figure `id` into `fig`, `width` px wide. */
  drawFigure(fig: HTMLElement, id: string, width: number): void;
  /** Extra tweens for the panel's figure after it fades in (the timeline is already cleared). */
  tweenPanel?(tl: Timeline, fig: HTMLElement): void;
}

/** One of a story's parts, by its data-role; missing markup is a bug, so it throws. */
export function part<T extends HTMLElement = HTMLElement>(host: HTMLElement, role: string): T {
  const el = host.querySelector<T>(`[data-role="${role}"]`);
  if (!el) throw new Error(`<${host.localName}> is missing [data-role="${role}"]`);
  return el;
}

/** What a story element hands connectScrollStory; `M` is its own lazily loaded modules. */
export interface StorySetup<M> extends Omit<ScrollStoryOptions, 'drawFigure'> {
  /** The story's own modules, loaded in parallel with gsap. */
  load(): Promise<M>;
  drawFigure(mods: M, fig: HTMLElement, id: string, width: number): void;
  /** After the pinning is set up: follow the page, run the model, fill and draw. */
  begin(life: Lifecycle, pin: ScrollStory, mods: M): Promise<void>;
}

/**
 * One connection of a GSAP story: near the viewport (the story or any span it fills elsewhere on
 * the page), pin the panel, load the modules, then `begin`. Dispose the Lifecycle on disconnect.
 */
export function connectScrollStory<M>(host: HTMLElement, setup: StorySetup<M>): Lifecycle {
  const targets = [host, ...document.querySelectorAll(`[${setup.attrs.fill}]`)];
  return connectLifecycle(host, (life) => void runStory(host, life, setup), { targets, margin: STORY_NEAR });
}

async function runStory<M>(host: HTMLElement, life: Lifecycle, setup: StorySetup<M>) {
  let mods: M | undefined;
  const pin = new ScrollStory(host, {
    ...setup,
    ready: () => mods !== undefined && setup.ready(),
    drawFigure: (fig, id, width) => {
      if (mods !== undefined) setup.drawFigure(mods, fig, id, width);
    },
  });
  life.add(() => pin.dispose());
  const loading = setup.load();
  if (!(await pin.start(loading.then((m) => (mods = m))))) return;
  await setup.begin(life, pin, await loading);
}

export class ScrollStory {
  /** True while the reader asks for reduced motion: the panel jumps, scrolling is instant. */
  reduce = false;
  private active = 0;
  private tl: Timeline | null = null;
  private trigger: ScrollTriggerType | null = null;
  private readonly undo: (() => void)[] = [];
  private disposed = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly opts: ScrollStoryOptions,
  ) {}

  /**
   * Load gsap and ScrollTrigger (with `load`, the story's own modules, in parallel), then pin the
   * panel and follow the steps. Resolves false when disposed meanwhile.
   */
  async start(load: Promise<unknown> = Promise.resolve()): Promise<boolean> {
    const [{ gsap }, { ScrollTrigger }] = await Promise.all([import('gsap'), import('gsap/ScrollTrigger'), load]);
    if (this.disposed) return false;
    gsap.registerPlugin(ScrollTrigger);
    this.trigger = ScrollTrigger;
    this.tl = gsap.timeline({ paused: true });
    this.setupScroll(gsap, ScrollTrigger);
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.undo.splice(0).forEach((f) => f());
    this.tl?.kill();
    this.tl = null;
    this.trigger = null;
  }

  /** Figures changed height: let ScrollTrigger measure the pin again. */
  relayout(): void {
    this.trigger?.refresh();
  }

  /** Every figure that is visible on this screen size, then the panel. */
  drawAll(): void {
    if (!this.opts.ready()) return;
    const { figure } = this.opts.attrs;
    for (const fig of this.host.querySelectorAll<HTMLElement>(`[${figure}]`)) {
      if (fig.offsetParent === null) continue; // hidden on this screen size; drawn when shown
      this.opts.drawFigure(fig, fig.getAttribute(figure) ?? this.opts.firstStep, fig.clientWidth);
    }
    this.drawPanel();
  }

  private steps(): HTMLElement[] {
    return [...this.host.querySelectorAll<HTMLElement>(`[${this.opts.attrs.step}]`)];
  }

  /** Pin the panel and follow the steps on wide screens; undone on narrow ones and on dispose. */
  private setupScroll(gsap: Gsap, ScrollTrigger: ScrollTriggerType) {
    const mm = gsap.matchMedia();
    this.undo.push(() => mm.revert());
    const panel = part(this.host, 'panel');
    const stepsEl = part(this.host, 'steps');
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
    let width = this.host.clientWidth;
    this.undo.push(
      observeWidth(this.host, () => width, (w) => {
        width = w;
        this.drawAll();
      }),
    );
  }

  private drawPanel() {
    if (!this.opts.ready()) return;
    const step = this.steps()[this.active];
    const fig = part(this.host, 'panel-figure');
    if (fig.offsetParent === null) return;
    part(this.host, 'panel-title').textContent = step?.querySelector('h3')?.textContent ?? '';
    this.opts.drawFigure(fig, step?.getAttribute(this.opts.attrs.step) ?? this.opts.firstStep, fig.clientWidth);
  }

  /** Make step i the one the panel shows: a short tween, or a jump with reduced motion. */
  private show(i: number) {
    if (i === this.active && part(this.host, 'panel-figure').childElementCount) return;
    this.active = i;
    this.steps().forEach((s, j) => s.classList.toggle('is-active', j === i));
    this.drawPanel();
    const tl = this.tl;
    if (!tl || this.reduce) return;
    const fig = part(this.host, 'panel-figure');
    tl.clear();
    tl.fromTo(fig, { autoAlpha: 0, y: 12 }, { autoAlpha: 1, y: 0, duration: 0.35, ease: 'power2.out' });
    this.opts.tweenPanel?.(tl, fig);
    tl.restart();
  }
}
