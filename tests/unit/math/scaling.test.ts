import { CHINCHILLA, chinchillaLoss, computeFlops, optimalAllocation } from '../../../src/math/index';
import { assertInDelta, assertRelative } from './assert';

/** Golden-section search for the minimum of a unimodal f on [lo, hi]. */
function minimise(f: (x: number) => number, lo: number, hi: number, tol = 1e-10): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  while (b - a > tol) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

describe('CHINCHILLA', () => {
  it('holds the Hoffmann et al. 2022 fit', () => {
    expect(CHINCHILLA).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
  });
});

describe('chinchillaLoss', () => {
  it('matches a hand-computed point: Chinchilla, 70B parameters on 1.4T tokens', () => {
    // 1.69 + 406.4 / 70e9^0.34 + 410.7 / 1.4e12^0.28 = 1.69 + 0.083487 + 0.163158 (NumPy).
    assertInDelta(chinchillaLoss(70e9, 1.4e12), 1.9366454705587173, 1e-9);
  });

  it('approaches E as N and D grow and falls as either grows', () => {
    assertInDelta(chinchillaLoss(1e60, 1e60), CHINCHILLA.E, 1e-12);
    expect(chinchillaLoss(2e9, 1e11)).toBeLessThan(chinchillaLoss(1e9, 1e11));
    expect(chinchillaLoss(1e9, 2e11)).toBeLessThan(chinchillaLoss(1e9, 1e11));
  });

  it('uses the constants it is given', () => {
    assertInDelta(chinchillaLoss(100, 10000, { E: 1, A: 10, B: 100, alpha: 0.5, beta: 0.5 }), 1 + 1 + 1, 1e-12);
  });

  it('rejects non-positive sizes', () => {
    expect(() => chinchillaLoss(0, 1e9)).toThrow(RangeError);
    expect(() => chinchillaLoss(1e9, -1)).toThrow(RangeError);
  });
});

describe('computeFlops', () => {
  it('is 6 N D', () => {
    expect(computeFlops(70e9, 1.4e12)).toBeCloseTo(5.88e23, -20);
    expect(computeFlops(2, 3)).toBe(36);
  });
});

describe('optimalAllocation', () => {
  it('spends exactly the budget: 6 N D = C', () => {
    const { N, D } = optimalAllocation(1e21);
    assertRelative(computeFlops(N, D), 1e21, 1e-12);
  });

  it('agrees with a numerical minimisation of L along 6 N D = C', () => {
    for (const C of [1e18, 1e21, 5.76e23, 1e26]) {
      const lossAt = (logN: number) => chinchillaLoss(Math.exp(logN), C / (6 * Math.exp(logN)));
      const logN = minimise(lossAt, Math.log(1e3), Math.log(C / 6 / 1e3));
      const opt = optimalAllocation(C);
      assertRelative(opt.N, Math.exp(logN), 1e-4);
      assertInDelta(opt.loss, lossAt(logN), 1e-9);
      // And it is a minimum: moving N either way (at the same C) costs loss.
      expect(opt.loss).toBeLessThan(lossAt(Math.log(opt.N * 1.1)));
      expect(opt.loss).toBeLessThan(lossAt(Math.log(opt.N / 1.1)));
    }
  });

  it('scales N as C^(β/(α+β)) ≈ C^0.45 and D as C^(α/(α+β)) ≈ C^0.55', () => {
    const small = optimalAllocation(1e20);
    const big = optimalAllocation(1e22);
    assertInDelta(Math.log(big.N / small.N) / Math.log(100), 0.28 / 0.62, 1e-12);
    assertInDelta(Math.log(big.D / small.D) / Math.log(100), 0.34 / 0.62, 1e-12);
  });

  it('uses the constants it is given', () => {
    // Symmetric constants (A = B, α = β) make N = D = √(C/6).
    const sym = { E: 1, A: 100, B: 100, alpha: 0.3, beta: 0.3 };
    const { N, D } = optimalAllocation(6e10, sym);
    assertRelative(N, 1e5, 1e-12);
    assertRelative(D, 1e5, 1e-12);
  });
});
