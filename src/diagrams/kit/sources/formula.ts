/**
 * Data source: a formula. The calculators' numbers come from the state alone (published
 * constants, or measurements committed with the site), so the export is recomputed on the spot
 * each time the state changes: no model, no fetch, nothing to wait for.
 */
export class FormulaSource<S, X> {
  private current!: X;

  constructor(private readonly compute: (state: S) => X) {}

  /** The export for the state last given. */
  get data(): X {
    return this.current;
  }

  /**
   * At connect: the build-time export (`built`) already holds the numbers for the wrapper's
   * state, so it stands unless the state came from the URL (`built` null); heavier work, such as
   * the measured family's fit, then waits for the host's start().
   */
  seed(state: S, built: X | null): void {
    if (built) this.current = built;
    else this.update(state);
  }

  update(state: S): X {
    this.current = this.compute(state);
    return this.current;
  }
}
