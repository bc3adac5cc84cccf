import { fitScalingLaw, type Measurement } from '../../../src/math/scaling-fit';
import { chinchillaLoss } from '../../../src/math/scaling';
import { assertInDelta, assertRelative } from './assert';

/**
 * A synthetic family shaped like ours (4 sizes over 30× in N, 3 budgets each), with losses from a
 * known law. The constants are made up for the test and are not measurements.
 */
const TRUE = { E: 1.9, A: 60, B: 300, alpha: 0.32, beta: 0.27 };
const SIZES = [5.6e4, 2.2e5, 7e5, 1.8e6];
const BUDGETS = [4e5, 3.2e6, 2.5e7];
function family(noise: (i: number) => number = () => 0): Measurement[] {
  const out: Measurement[] = [];
  for (const N of SIZES) for (const D of BUDGETS) out.push({ N, D, loss: chinchillaLoss(N, D, TRUE) + noise(out.length) });
  return out;
}

describe('fitScalingLaw', () => {
  it('recovers known constants from noise-free points', () => {
    const fit = fitScalingLaw(family());
    assertInDelta(fit.alpha, TRUE.alpha, 1e-4);
    assertInDelta(fit.beta, TRUE.beta, 1e-4);
    assertInDelta(fit.E, TRUE.E, 1e-3);
    assertRelative(fit.A, TRUE.A, 2e-3);
    assertRelative(fit.B, TRUE.B, 2e-3);
    expect(fit.rmse).toBeLessThan(1e-6);
    expect(fit.r2).toBeGreaterThan(0.999999);
  });

  it('stays close with ±0.01 nats of fixed pseudo-noise, and reports it in the residuals', () => {
    // Alternating signs: deterministic, zero-mean noise of the size seed-to-seed variation has.
    const noisy = family((i) => (i % 2 ? 0.01 : -0.01) * (1 + (i % 3) / 2));
    const fit = fitScalingLaw(noisy);
    assertInDelta(fit.alpha, TRUE.alpha, 0.06);
    assertInDelta(fit.beta, TRUE.beta, 0.06);
    expect(fit.rmse).toBeGreaterThan(0.003);
    expect(fit.rmse).toBeLessThan(0.02);
    expect(fit.residuals).toHaveLength(noisy.length);
    const sse = fit.residuals.reduce((s, r) => s + r * r, 0);
    assertInDelta(Math.sqrt(sse / noisy.length), fit.rmse, 1e-12);
  });

  it('is deterministic and independent of the order of the points', () => {
    const pts = family((i) => 0.004 * Math.sin(i));
    const a = fitScalingLaw(pts);
    const b = fitScalingLaw([...pts].reverse());
    expect(b.alpha).toBe(a.alpha);
    expect(b.beta).toBe(a.beta);
    assertInDelta(b.E, a.E, 1e-9);
  });

  it('keeps E, A and B non-negative', () => {
    // Losses that rise with N cannot be fitted by a falling law: the best is A = 0.
    const pts = family().map((p) => ({ ...p, loss: 3 + 1e-7 * p.N + 300 / p.D ** 0.3 }));
    const fit = fitScalingLaw(pts);
    expect(fit.A).toBeGreaterThanOrEqual(0);
    expect(fit.B).toBeGreaterThanOrEqual(0);
    expect(fit.E).toBeGreaterThanOrEqual(0);
  });

  it('refuses data that cannot determine the law', () => {
    expect(() => fitScalingLaw(family().slice(0, 4))).toThrow(RangeError);
    expect(() => fitScalingLaw(family().filter((p) => p.N === SIZES[0]).concat(family().filter((p) => p.N === SIZES[0])))).toThrow(RangeError);
    expect(() => fitScalingLaw([...family(), { N: 0, D: 1, loss: 3 }])).toThrow(RangeError);
  });
});
