/**
 * <glassbox-scaling-story>: shows each step's state in the scaling-laws diagram when the step
 * crosses the middle of the viewport, or when its button is pressed. The first activation waits
 * for the reader to scroll, so a shared link's state is not replaced on arrival. Changes jump
 * (no tweening), so prefers-reduced-motion needs nothing different.
 */
import type { GlassboxScalingLaws } from '../../diagrams/scaling-laws/element';

/** A step is "being read" while it crosses this band in the middle of the viewport. */
const BAND = '-45% 0px -45% 0px';

class GlassboxScalingStory extends HTMLElement {
  private cleanup: (() => void)[] = [];
  private scrolled = false;

  connectedCallback() {
    const steps = [...this.querySelectorAll<HTMLElement>('[data-scaling-step]')];
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    addEventListener('scroll', () => (this.scrolled = true), { passive: true, once: true, signal: ac.signal });
    for (const step of steps) {
      step.querySelector('.gb-sstory-show')?.addEventListener('click', () => this.activate(step, true), { signal: ac.signal });
    }
    if (typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting && this.scrolled) this.activate(e.target as HTMLElement, false);
      },
      { rootMargin: BAND },
    );
    steps.forEach((s) => io.observe(s));
    this.cleanup.push(() => io.disconnect());
  }

  disconnectedCallback() {
    this.cleanup.splice(0).forEach((f) => f());
  }

  private activate(step: HTMLElement, focus: boolean) {
    const diagram = this.querySelector<GlassboxScalingLaws>('glassbox-scaling-laws');
    if (!diagram) return;
    for (const s of this.querySelectorAll('.is-active')) s.classList.remove('is-active');
    step.classList.add('is-active');
    diagram.show(JSON.parse(step.dataset.stepState ?? '{}'));
    if (focus) diagram.scrollIntoView({ block: 'nearest' });
  }
}

if (!customElements.get('glassbox-scaling-story')) customElements.define('glassbox-scaling-story', GlassboxScalingStory);
