/**
 * <glassbox-scaling-story>: shows each step's state in the scaling-laws diagram when the step
 * crosses the middle of the viewport, or when its button is pressed. The first activation waits
 * for the reader to scroll, so a shared link's state is not replaced on arrival. Changes jump
 * (no tweening), so prefers-reduced-motion needs nothing different. Following starts on
 * connection (an observer, no heavy work) and stops with the kit's Lifecycle.
 */
import { connectLifecycle, type Lifecycle } from '../../diagrams/kit/lifecycle';
import type { GlassboxScalingLaws } from '../../diagrams/scaling-laws/element';
import { followBand, MIDDLE_BAND } from '../band';

class GlassboxScalingStory extends HTMLElement {
  private life: Lifecycle | null = null;
  private scrolled = false;

  connectedCallback() {
    this.life = connectLifecycle(this, (life) => this.follow(life), { near: false });
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  private follow(life: Lifecycle) {
    const steps = [...this.querySelectorAll<HTMLElement>('[data-scaling-step]')];
    addEventListener('scroll', () => (this.scrolled = true), { passive: true, once: true, signal: life.signal });
    for (const step of steps) {
      step.querySelector('.gb-sstory-show')?.addEventListener('click', () => this.activate(step, true), { signal: life.signal });
    }
    followBand(life, steps, MIDDLE_BAND, (entries) => {
      for (const e of entries) if (e.isIntersecting && this.scrolled) this.activate(e.target as HTMLElement, false);
    });
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
