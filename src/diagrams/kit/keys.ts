/**
 * Keyboard, pointer and focus wiring for a row of selectable SVG targets (query tokens, tokens
 * of a text): hover (mouse, pen), tap (touch, which has no hover) and focus pick a target, then
 * arrow keys, Home and End move. Each target (SVG or HTML) carries `data-token` (1-based). Listeners are
 * delegated to the group, so a redraw never re-binds them.
 */
import type { Selection } from 'd3';

export type KeyMoves = Record<string, (q: number, T: number) => number>;

/** Arrows step one target; Home and End jump to the ends. */
export const ROW_KEYS: KeyMoves = {
  ArrowLeft: (q) => q - 1,
  ArrowUp: (q) => q - 1,
  ArrowRight: (q) => q + 1,
  ArrowDown: (q) => q + 1,
  Home: () => 0,
  End: (_, T) => T - 1,
};

/**
 * Delegated picking on `group`: hover (mouse, pen), tap and focus pick the target under the
 * event (`target`); `step` maps a key to the target it moves to, or null for a key the view does
 * not use, which then keeps its default. Returns the undo, for the view's destroy().
 */
export function wirePicks<E extends Element, T>(
  group: Selection<E, unknown, null, undefined>,
  target: (ev: Event) => T,
  pick: (t: T) => void,
  step: (ev: KeyboardEvent) => T | null,
): () => void {
  // Both kinds carry the same DOM events; one type lets d3 type the listeners.
  const g = group as unknown as Selection<HTMLElement, unknown, null, undefined>;
  g.on('pointerover', (ev: PointerEvent) => {
    if (ev.pointerType !== 'touch') pick(target(ev));
  })
    .on('click', (ev: MouseEvent) => pick(target(ev)))
    .on('focusin', (ev: FocusEvent) => pick(target(ev)))
    .on('keydown', (ev: KeyboardEvent) => {
      const next = step(ev);
      if (next === null) return;
      ev.preventDefault();
      pick(next);
    });
  return () => g.on('pointerover click focusin keydown', null);
}

/** Wire the targets inside `group`; `select` gets a 0-based index other than `current()`. */
export function wireQueries<E extends SVGGElement | HTMLElement>(
  group: Selection<E, unknown, null, undefined>,
  count: () => number,
  current: () => number,
  select: (q: number) => void,
  keys: KeyMoves = ROW_KEYS,
): () => void {
  const target = (ev: Event) => {
    const el = (ev.target as Element | null)?.closest?.('[data-token]');
    return el ? Number(el.getAttribute('data-token')) - 1 : -1;
  };
  const pick = (q: number) => {
    if (q >= 0 && q < count() && q !== current()) select(q);
  };
  return wirePicks(group, target, pick, (ev) => {
    const move = keys[ev.key];
    if (!move || count() === 0) return null;
    return Math.min(count() - 1, Math.max(0, move(current(), count())));
  });
}

/** After a keyboard move, keep focus on the selected target (0-based `q`) so the next key continues from it. */
export function followFocus(group: Element, q: number) {
  const active = group.ownerDocument.activeElement;
  if (!active || !group.contains(active)) return;
  const next = group.querySelector<HTMLElement | SVGElement>(`[data-token="${q + 1}"]`);
  if (next && next !== active) next.focus();
}
