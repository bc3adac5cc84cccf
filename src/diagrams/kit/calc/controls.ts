/**
 * The calculators' native controls, as a part a host composes. Every `[data-control]` inside the
 * host is wired: range inputs on `input`, selects on `change`, buttons on `click`; the control's
 * name and value go through the diagram's `apply` to the next state. Sliders and their visible
 * `<output>` are kept in line with the state (after a link, a linked control or a story step).
 */
import type { DiagramElement } from '../element';

type Host = HTMLElement & Pick<DiagramElement, 'listen'>;

/** One range input. Log-scale quantities move in log10 units; `text` is the readable value. */
export interface SliderSpec<S> {
  control: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value(state: S): number;
  text(state: S): string;
}

export interface ControlsSpec<S> {
  sliders: readonly SliderSpec<S>[];
  /** Selects whose data-control is a state key holding the selected value. */
  selects: readonly (keyof S & string)[];
  /** The state after control `name` took `raw` (its value, or a button's); pure. */
  apply(state: S, name: string, raw: string): S;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLButtonElement;

/**
 * Wire every control of `host` for this connection. `choose(next, delay)`: `delay` is 0 for a
 * discrete choice (select, button) and `dragMs` for a slider, whose input events come once per
 * pixel dragged, so the state is written to the URL only once the drag pauses.
 */
export function wireControls<S>(host: Host, spec: ControlsSpec<S>, state: () => S, choose: (next: S, delay: number) => void, dragMs: number): void {
  for (const el of host.querySelectorAll<Control>('[data-control]')) {
    const slider = el instanceof HTMLInputElement;
    const type = el instanceof HTMLButtonElement ? 'click' : slider ? 'input' : 'change';
    host.listen(el, type, () => choose(spec.apply(state(), el.dataset.control ?? '', el.value), slider ? dragMs : 0));
  }
}

/** Move sliders, their outputs and selects to `state`; the slider being dragged stays under the pointer. */
export function syncControls<S>(host: HTMLElement, spec: ControlsSpec<S>, state: S): void {
  for (const s of spec.sliders) {
    const text = s.text(state);
    const input = host.querySelector<HTMLInputElement>(`input[data-control="${s.control}"]`);
    if (input && document.activeElement !== input) input.value = String(s.value(state));
    input?.setAttribute('aria-valuetext', text);
    const out = host.querySelector(`output[data-output="${s.control}"]`);
    if (out) out.textContent = text;
  }
  for (const name of spec.selects) {
    const sel = host.querySelector<HTMLSelectElement>(`select[data-control="${name}"]`);
    if (sel) sel.value = String(state[name]);
  }
}
