// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lifecycle, observeWidth, whenNearViewport } from '../../../src/diagrams/kit/lifecycle';

afterEach(() => vi.useRealTimers());

describe('Lifecycle', () => {
  it('removes listeners, clears timers and runs cleanups newest first on dispose', () => {
    vi.useFakeTimers();
    const life = new Lifecycle();
    const target = new EventTarget();
    const heard = vi.fn();
    target.addEventListener('x', heard, { signal: life.signal });
    const order: string[] = [];
    life.add(() => order.push('first'));
    life.add(() => order.push('second'));
    const timer = vi.fn();
    life.later('t', 100, timer);
    expect(life.pending('t')).toBe(true);
    life.dispose();
    target.dispatchEvent(new Event('x'));
    vi.advanceTimersByTime(200);
    expect(heard).not.toHaveBeenCalled();
    expect(timer).not.toHaveBeenCalled();
    expect(order).toEqual(['second', 'first']);
    expect(life.disposed).toBe(true);
  });

  it('debounces by key: a later call replaces a pending one', () => {
    vi.useFakeTimers();
    const life = new Lifecycle();
    const calls: number[] = [];
    life.later('typing', 60, () => calls.push(1));
    vi.advanceTimersByTime(30);
    life.later('typing', 60, () => calls.push(2));
    vi.advanceTimersByTime(59);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([2]);
    expect(life.pending('typing')).toBe(false);
  });

  it('runs a cleanup added after dispose at once', () => {
    const life = new Lifecycle();
    life.dispose();
    const fn = vi.fn();
    life.add(fn);
    expect(fn).toHaveBeenCalledOnce();
  });
});

describe('whenNearViewport', () => {
  it('starts once when a target comes near, then stops watching', () => {
    const observed: Element[] = [];
    let fire: (hit: boolean) => void = () => {};
    const disconnect = vi.fn();
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: (e: { isIntersecting: boolean }[]) => void) {
          fire = (hit) => cb([{ isIntersecting: hit }]);
        }
        observe(el: Element) {
          observed.push(el);
        }
        disconnect = disconnect;
      },
    );
    const start = vi.fn();
    const a = document.createElement('div');
    const b = document.createElement('div');
    whenNearViewport([a, b], start);
    expect(observed).toEqual([a, b]);
    fire(false);
    expect(start).not.toHaveBeenCalled();
    fire(true);
    expect(start).toHaveBeenCalledOnce();
    expect(disconnect).toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});

describe('observeWidth', () => {
  it('reports width changes of a pixel or more, not height changes', () => {
    let notify: () => void = () => {};
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          notify = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const root = document.createElement('div');
    let width = 500;
    Object.defineProperty(root, 'clientWidth', { get: () => width });
    const seen: number[] = [];
    let drawn = 500;
    observeWidth(root, () => drawn, (w) => {
      seen.push(w);
      drawn = w;
    });
    notify();
    width = 500.5;
    notify();
    width = 360;
    notify();
    expect(seen).toEqual([360]);
    vi.unstubAllGlobals();
  });
});
