// @vitest-environment jsdom
/**
 * The scroll stories' lifecycle: each story element starts through the kit's connectLifecycle and
 * undoes everything on disconnect; the ScrollStory part gives up when disposed while gsap loads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectLifecycle } from '../../../src/diagrams/kit/lifecycle';
import { ScrollStory } from '../../../src/stories/scroll-story';
import '../../../src/stories/token-story/element';
import { cleanup, mount } from './dom';

/** A controllable IntersectionObserver: `fire(el)` reports `el` as intersecting. */
class FakeIO {
  static all: FakeIO[] = [];
  targets = new Set<Element>();
  disconnected = false;
  constructor(
    private readonly cb: (entries: IntersectionObserverEntry[]) => void,
    readonly opts: IntersectionObserverInit = {},
  ) {
    FakeIO.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  disconnect() {
    this.disconnected = true;
    this.targets.clear();
  }
  fire(el: Element) {
    if (this.targets.has(el)) this.cb([{ target: el, isIntersecting: true } as unknown as IntersectionObserverEntry]);
  }
}

beforeEach(() => {
  FakeIO.all = [];
  vi.stubGlobal('IntersectionObserver', FakeIO);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('connectLifecycle', () => {
  it('starts once a target nears the viewport, with the margin given, and not after dispose', () => {
    const el = mount();
    const start = vi.fn();
    const life = connectLifecycle(el, start, { margin: '600px 0px' });
    expect(start).not.toHaveBeenCalled();
    const [io] = FakeIO.all;
    expect(io.opts.rootMargin).toBe('600px 0px');
    io.fire(el);
    expect(start).toHaveBeenCalledOnce();
    expect(start.mock.calls[0][0]).toBe(life);
    life.dispose();
    expect(io.disconnected).toBe(true);
  });

  it('starts at once with near: false, and a disposed connection never starts', () => {
    const el = mount();
    const start = vi.fn();
    connectLifecycle(el, start, { near: false });
    expect(start).toHaveBeenCalledOnce();
    const late = vi.fn();
    connectLifecycle(el, late).dispose();
    FakeIO.all.at(-1)!.fire(el);
    expect(late).not.toHaveBeenCalled();
  });
});

describe('<glassbox-token-story>', () => {
  it('shows the step being read and stops following when it leaves the page', () => {
    const root = mount();
    root.innerHTML = `<glassbox-token-story>
      <section data-story-step="a"></section><section data-story-step="b"></section>
      <figure data-figure="a"></figure><figure data-figure="b" hidden></figure>
    </glassbox-token-story>`;
    const story = root.querySelector<HTMLElement>('glassbox-token-story')!;
    const io = FakeIO.all.at(-1)!;
    io.fire(story.querySelector('[data-story-step="b"]')!);
    expect(story.dataset.active).toBe('b');
    expect(story.querySelector<HTMLElement>('[data-figure="a"]')!.hidden).toBe(true);
    story.remove();
    expect(io.disconnected).toBe(true);
  });
});

describe('ScrollStory', () => {
  it('gives up, drawing nothing, when disposed while gsap loads', async () => {
    const host = mount();
    const drawFigure = vi.fn();
    const pin = new ScrollStory(host, { attrs: { step: 'data-step', figure: 'data-figure', fill: 'data-fill' }, firstStep: 'a', ready: () => true, drawFigure });
    const started = pin.start();
    pin.dispose();
    expect(await started).toBe(false);
    expect(drawFigure).not.toHaveBeenCalled();
  });
});
