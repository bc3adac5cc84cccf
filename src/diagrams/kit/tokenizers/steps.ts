/**
 * The step controls of the two merge views (bpe-merges, bpe-train): buttons to move one merge
 * back or on (and to either end, where the markup has them) and a slider over 0…n merges.
 * A part the element wires once and syncs after each draw.
 */
import type { DiagramElement } from '../element';

const find = <T extends HTMLElement>(host: HTMLElement, role: string) => host.querySelector<T>(`[data-role="${role}"]`);

/**
 * Wire the controls; `go` receives the wanted step, unclamped. `current` is the step that "back"
 * and "on" count from, `last` the number of merges.
 */
export function wireSteps(host: DiagramElement, go: (step: number) => void, current: () => number, last: () => number): void {
  const on = (role: string, type: string, fn: () => void) => {
    const el = find(host, role);
    if (el) host.listen(el, type, fn);
  };
  const slider = host.byRole<HTMLInputElement>('slider');
  on('first', 'click', () => go(0));
  on('prev', 'click', () => go(current() - 1));
  on('next', 'click', () => go(current() + 1));
  on('last', 'click', () => go(last()));
  host.listen(slider, 'input', () => go(Number(slider.value)));
}

/** Show step `s` of `n`: the slider's range, value and spoken value, and which buttons can act. */
export function syncSteps(host: DiagramElement, s: number, n: number, valueText: string): void {
  const slider = host.byRole<HTMLInputElement>('slider');
  slider.max = String(n);
  slider.value = String(s);
  slider.setAttribute('aria-valuetext', valueText);
  for (const role of ['first', 'prev']) {
    const b = find<HTMLButtonElement>(host, role);
    if (b) b.disabled = s === 0;
  }
  for (const role of ['next', 'last']) {
    const b = find<HTMLButtonElement>(host, role);
    if (b) b.disabled = s >= n;
  }
}
