/**
 * <glassbox-embedding-story>: marks the step in the middle of the screen as active and sets the
 * embedding-space view beside it to that step's token and camera (`el.value`, which flies there,
 * or jumps with prefers-reduced-motion). A link that carries the view's own state wins: the
 * story starts driving only once the reader reaches a different step than the one shown first.
 * Following starts on connection (an observer, no heavy work) and stops with the kit's Lifecycle.
 */
import embeddingSpace from '../../diagrams/embedding-space/entry';
import { connectLifecycle, type Lifecycle } from '../../diagrams/kit/lifecycle';
import { followBand, MIDDLE_BAND } from '../band';

type Space = HTMLElement & { value: Record<string, number> };

export class GlassboxEmbeddingStory extends HTMLElement {
  private life: Lifecycle | null = null;
  private first = true;
  private active: Element | null = null;

  connectedCallback() {
    this.life = connectLifecycle(this, (life) => this.follow(life), { near: false });
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  private follow(life: Lifecycle) {
    const fromLink = Object.keys(embeddingSpace.state).some((k) => new URLSearchParams(location.search).has(k));
    followBand(life, this.querySelectorAll('[data-step]'), MIDDLE_BAND, (entries) => {
      const hit = entries.find((e) => e.isIntersecting)?.target;
      if (!hit || hit === this.active) return;
      this.active = hit;
      this.querySelectorAll('[data-step]').forEach((s) => s.classList.toggle('is-active', s === hit));
      const skip = this.first && fromLink;
      this.first = false;
      if (!skip) this.drive(hit as HTMLElement);
    });
  }

  private drive(step: HTMLElement) {
    const space = this.querySelector<Space>('glassbox-embedding-space');
    if (!space) return;
    const next: Record<string, number> = {};
    for (const k of ['token', 'yaw', 'pitch', 'distance'] as const) {
      const v = step.dataset[k];
      if (v !== undefined && v !== '') next[k] = Number(v);
    }
    if (Object.keys(next).length) space.value = next;
  }
}

if (!customElements.get('glassbox-embedding-story')) customElements.define('glassbox-embedding-story', GlassboxEmbeddingStory);
