/**
 * <glassbox-token-story>: the tokenization chapter's scroll story. The step being read picks
 * the figure in the sticky panel (ScrollTrigger, loaded near the viewport with GSAP); a new
 * figure's pieces fade and rise in, or simply appear with prefers-reduced-motion. Without
 * JavaScript every step still reads, with the first figure shown.
 */
import { whenNearViewport } from '../near-viewport';

type Gsap = typeof import('gsap').gsap;

export class GlassboxTokenStory extends HTMLElement {
  private cleanup: (() => void)[] = [];
  private gsap: Gsap | null = null;
  private active = -1;

  connectedCallback() {
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    this.cleanup.splice(0).forEach((f) => f());
    this.gsap = null;
  }

  private steps() {
    return [...this.querySelectorAll<HTMLElement>('[data-story-step]')];
  }

  private async start() {
    const [{ gsap }, { ScrollTrigger }] = await Promise.all([import('gsap'), import('gsap/ScrollTrigger')]);
    if (!this.isConnected) return;
    gsap.registerPlugin(ScrollTrigger);
    this.gsap = gsap;
    const triggers = this.steps().map((step, i) =>
      ScrollTrigger.create({
        trigger: step,
        start: 'top 65%',
        end: 'bottom 65%',
        onToggle: (self) => self.isActive && this.show(i),
      }),
    );
    this.cleanup.push(() => {
      triggers.forEach((t) => t.kill());
      gsap.killTweensOf(this.querySelectorAll('[data-figure] *'));
    });
  }

  show(i: number) {
    if (i === this.active) return;
    this.active = i;
    const id = this.steps()[i]?.dataset.storyStep;
    this.steps().forEach((s, k) => s.classList.toggle('is-active', k === i));
    const figures = [...this.querySelectorAll<HTMLElement>('[data-figure]')];
    const next = figures.find((f) => f.dataset.figure === id);
    if (!next) return;
    figures.forEach((f) => (f.hidden = f !== next));
    this.dataset.active = id;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const parts = next.querySelectorAll('.gb-story-cell');
    if (this.gsap && !reduce && parts.length) {
      this.gsap.fromTo(parts, { autoAlpha: 0, y: 6 }, { autoAlpha: 1, y: 0, duration: 0.35, stagger: Math.min(0.03, 0.6 / parts.length), overwrite: true });
    }
  }
}

if (!customElements.get('glassbox-token-story')) customElements.define('glassbox-token-story', GlassboxTokenStory);
