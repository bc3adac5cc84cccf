/**
 * <glassbox-token-story>: the tokenization chapter's scroll story. The step crossing the middle
 * of the viewport picks the figure in the sticky panel; the figure's pieces rise in with a CSS
 * animation, which prefers-reduced-motion turns off. No GSAP here: the story sits near the top
 * of the chapter, and the page's first JavaScript must stay small (DESIGN.md §6). Without
 * JavaScript every step still reads, with the first figure shown. Following starts on
 * connection (an observer, no heavy work) and stops with the kit's Lifecycle.
 */
import { connectLifecycle, type Lifecycle } from '../../diagrams/kit/lifecycle';
import { followBand } from '../band';

/** A band around the middle of the viewport, a little above it: the step in it is the one being read. */
const BAND = '-45% 0px -50% 0px';

export class GlassboxTokenStory extends HTMLElement {
  private life: Lifecycle | null = null;
  private active = '';

  connectedCallback() {
    this.life = connectLifecycle(this, (life) => this.follow(life), { near: false });
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  private follow(life: Lifecycle) {
    followBand(life, this.querySelectorAll('[data-story-step]'), BAND, (entries) => {
      const hit = entries.filter((e) => e.isIntersecting).pop();
      if (hit) this.show((hit.target as HTMLElement).dataset.storyStep ?? '');
    });
  }

  show(id: string) {
    if (!id || id === this.active) return;
    const next = this.querySelector<HTMLElement>(`[data-figure="${id}"]`);
    if (!next) return;
    this.active = id;
    this.dataset.active = id;
    this.querySelectorAll<HTMLElement>('[data-story-step]').forEach((s) => s.classList.toggle('is-active', s.dataset.storyStep === id));
    this.querySelectorAll<HTMLElement>('[data-figure]').forEach((f) => {
      f.hidden = f !== next;
      f.classList.toggle('is-entering', f === next);
    });
  }
}

if (!customElements.get('glassbox-token-story')) customElements.define('glassbox-token-story', GlassboxTokenStory);
