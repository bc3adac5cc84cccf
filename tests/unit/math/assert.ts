/**
 * Tolerance assertions in the style of d3-shape's `assertInDelta`: compare numbers, or arrays of
 * numbers element by element, and say where they differ.
 */

/** Fails unless |actual − expected| ≤ delta (for arrays: same length and every element within delta). */
export function assertInDelta(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  delta = 1e-6,
): void {
  if (typeof actual === 'number' || typeof expected === 'number') {
    if (typeof actual !== 'number' || typeof expected !== 'number') {
      throw new Error(`expected ${show(expected)}, got ${show(actual)}`);
    }
    if (!within(actual, expected, delta)) {
      throw new Error(`expected ${expected} ± ${delta}, got ${actual} (off by ${Math.abs(actual - expected)})`);
    }
    return;
  }
  if (actual.length !== expected.length) {
    throw new Error(`expected length ${expected.length}, got ${actual.length}: ${show(actual)}`);
  }
  for (let i = 0; i < expected.length; i++) {
    if (!within(actual[i], expected[i], delta)) {
      throw new Error(`at [${i}]: expected ${expected[i]} ± ${delta}, got ${actual[i]}\n  actual   ${show(actual)}\n  expected ${show(expected)}`);
    }
  }
}

/** Fails unless |actual − expected| ≤ rel · |expected|. */
export function assertRelative(actual: number, expected: number, rel: number): void {
  if (!(Math.abs(actual - expected) <= rel * Math.abs(expected))) {
    throw new Error(`expected ${expected} within ${rel} relative, got ${actual}`);
  }
}

/** Σ x. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function within(a: number, e: number, delta: number): boolean {
  // Equal infinities (e.g. -Infinity log-probabilities) match; NaN never does.
  return a === e || Math.abs(a - e) <= delta;
}

function show(x: number | ArrayLike<number>): string {
  return typeof x === 'number' ? String(x) : `[${Array.from(x).join(', ')}]`;
}
