/**
 * The element of a calculator diagram (scaling-laws, model-memory, training-cost,
 * scaling-measured), made by `calculatorElement(entry, spec)`: a class on the host (../element.ts:
 * state, URL, link, export, lifecycle) whose hooks hand the work to the calculator part
 * (./calculator.ts). A diagram folder names only its formula, its render module and its controls.
 */
import { DiagramElement, type AnyState, type HostEntry } from '../element';
import { normalizeState } from '../state';
import { Calculator, type CalcSpec } from './calculator';

export interface CalculatorSpec<S extends AnyState, X> extends CalcSpec<S, X> {
  /** Settle fields that depend on each other (scaling-laws: C = 6·N·D); `given` holds the keys set. */
  resolve?(state: S, given: ReadonlySet<string>): { state: S; notes: string[] };
}

/** What a page may ask of a calculator besides `el.value`. */
export interface CalculatorHost<S extends AnyState> extends DiagramElement<S> {
  /**
   * Show a state chosen by the page (a scroll story's step), as a link with these keys would.
   * The page URL is left alone and no input event fires: the reader did not choose this view.
   */
  show(partial: Partial<S>): void;
}

/**
 * `spec` is called once per element, with it, so a formula may read the element's own markup
 * (scaling-measured's embedded measurements).
 */
export function calculatorElement<S extends AnyState, X>(
  entry: HostEntry,
  spec: (host: DiagramElement<S>) => CalculatorSpec<S, X>,
): new () => CalculatorHost<S> {
  return class extends DiagramElement<S> {
    protected readonly entry = entry;
    private readonly spec = spec(this);
    private readonly calc: Calculator<S, X> = new Calculator(this, this.spec, this.port());

    show(partial: Partial<S>) {
      const prev = this.state;
      const checked = normalizeState({ ...this.state, ...partial }, this.entry.state).state as S;
      this.state = this.resolve(checked, new Set(Object.keys(partial))).state;
      this.linkNotes = [];
      this.renderNotes();
      this.changed(prev, 0);
      this.writeState();
    }

    protected resolve(state: S, given: ReadonlySet<string>) {
      return this.spec.resolve ? this.spec.resolve(state, given) : super.resolve(state, given);
    }

    protected connected() {
      this.calc.connect(this.stateFromUrl);
      this.writeState();
    }

    protected start() {
      return this.calc.start();
    }

    protected changed(_prev: S, delay: number) {
      this.calc.refresh(delay);
    }

    protected exportBody(): object {
      return this.calc.data as object;
    }
  };
}
