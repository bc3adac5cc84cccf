/**
 * Wiring for ChainControls.astro: a switch or a move changes `order` (the switched-on rows, top to
 * bottom), a range input its sampler's value, the seed box and "New seed" the seed. `sync` puts a
 * state (from a link, a preset or `el.value`) back into the controls.
 */
import type { SamplerId } from '../../../math/decoding';
import type { DiagramElement } from '../element';
import { parseOrder, rowsOf, type SamplerState } from './fields';

type Choose = (next: Partial<SamplerState>, delay?: number) => void;

/** ms a drag waits before the URL and export follow it. */
const DRAG_MS = 150;

function rowsList(host: DiagramElement): HTMLOListElement {
  return host.byRole<HTMLOListElement>('chain-rows');
}

function orderFromRows(list: HTMLElement): string {
  return [...list.querySelectorAll<HTMLLIElement>('li[data-sampler]')]
    .filter((li) => li.querySelector<HTMLInputElement>('[data-part="on"]')!.checked)
    .map((li) => li.dataset.sampler)
    .join(',');
}

export function wireChain(host: DiagramElement, choose: Choose): void {
  const list = rowsList(host);
  host.listen(list, 'input', (ev) => {
    const input = ev.target as HTMLInputElement;
    const row = input.closest<HTMLLIElement>('li[data-sampler]');
    if (!row) return;
    if (input.dataset.part === 'value') {
      row.querySelector('output')!.textContent = input.value;
      choose({ [row.dataset.sampler as SamplerId]: Number(input.value) }, DRAG_MS);
    }
  });
  host.listen(list, 'change', (ev) => {
    const input = ev.target as HTMLInputElement;
    if (input.dataset.part === 'on') {
      input.closest('li')!.dataset.on = String(input.checked);
      choose({ order: orderFromRows(list) });
    } else if (input.dataset.part === 'value') {
      const row = input.closest<HTMLLIElement>('li[data-sampler]')!;
      choose({ [row.dataset.sampler as SamplerId]: Number(input.value) });
    }
  });
  host.listen(list, 'click', (ev) => {
    const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-move]');
    if (!button) return;
    const row = button.closest('li')!;
    const sibling = button.dataset.move === '-1' ? row.previousElementSibling : row.nextElementSibling?.nextElementSibling ?? null;
    if (button.dataset.move === '-1' && !sibling) return;
    list.insertBefore(row, sibling);
    button.focus();
    choose({ order: orderFromRows(list) });
  });
  const seed = host.byRole<HTMLInputElement>('seed');
  host.listen(seed, 'change', () => {
    const v = Number(seed.value);
    choose({ seed: Number.isInteger(v) && v >= 0 ? v : 0 });
  });
  host.listen(host.byRole('reseed'), 'click', () => choose({ seed: Math.floor(Math.random() * 2 ** 31) }));
}

/** Put `state` into the controls: values, switches and the rows' order. */
export function syncChain(host: DiagramElement, state: SamplerState): void {
  const list = rowsList(host);
  const byId = new Map([...list.querySelectorAll<HTMLLIElement>('li[data-sampler]')].map((li) => [li.dataset.sampler, li]));
  for (const { id, on } of rowsOf(parseOrder(state.order).order)) {
    const li = byId.get(id);
    if (!li) continue;
    list.appendChild(li);
    li.dataset.on = String(on);
    li.querySelector<HTMLInputElement>('[data-part="on"]')!.checked = on;
    const range = li.querySelector<HTMLInputElement>('[data-part="value"]')!;
    if (document.activeElement !== range) range.value = String(state[id]);
    li.querySelector('output')!.textContent = String(state[id]);
  }
  const seed = host.byRole<HTMLInputElement>('seed');
  if (document.activeElement !== seed) seed.value = String(state.seed);
}

