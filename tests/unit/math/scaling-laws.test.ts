import { computeFlops, optimalAllocation } from '../../../src/math/scaling';
import { EPOCH, KAPLAN, LAWS, LAW_IDS, kaplanLoss, kaplanOptimal, scanIsoFlop } from '../../../src/math/scaling-laws';
import { assertInDelta, assertRelative } from './assert';

describe('published constants', () => {
  it('holds the Besiroglu et al. 2024 refit (arXiv 2404.10102, table 1)', () => {
    expect(EPOCH).toEqual({ E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 });
  });

  it('holds Kaplan et al. 2020, table 2 (the joint L(N, D) fit)', () => {
    expect(KAPLAN).toEqual({ Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 });
  });
});

describe('loss at hand-computed points', () => {
  it('Chinchilla 70B on 1.4T tokens under each law', () => {
    // Chinchilla: 1.69 + 406.4/70e9^0.34 + 410.7/1.4e12^0.28 (NumPy: 1.9366454705587173).
    assertInDelta(LAWS.chinchilla.loss(7e10, 1.4e12), 1.9366454705587173, 1e-9);
    // Epoch: 1.8172 + 482.01/70e9^0.3478 + 2085.43/1.4e12^0.3658 (Python: 1.9738818631585637).
    assertInDelta(LAWS.epoch.loss(7e10, 1.4e12), 1.9738818631585637, 1e-9);
    // Kaplan: [(6.4e13/7e10)^(0.076/0.103) + 1.8e13/1.4e12]^0.103 (Python: 1.6929734868045474).
    assertInDelta(kaplanLoss(7e10, 1.4e12), 1.6929734868045474, 1e-9);
  });

  it('Kaplan reduces to L(N) = (N_c/N)^α_N as D → ∞', () => {
    assertRelative(kaplanLoss(1e9, 1e40), (6.4e13 / 1e9) ** 0.076, 1e-9);
  });

  it('rejects non-positive sizes', () => {
    expect(() => kaplanLoss(0, 1)).toThrow(RangeError);
    expect(() => kaplanOptimal(-1)).toThrow(RangeError);
  });
});

describe('compute-optimal allocation', () => {
  for (const id of LAW_IDS) {
    it(`${id}: spends exactly C = 6ND and beats a brute-force scan of the iso-FLOP curve`, () => {
      const law = LAWS[id];
      for (const C of [1e18, 1e21, 5.88e23, 1e26]) {
        const opt = law.optimal(C);
        assertRelative(computeFlops(opt.N, opt.D), C, 1e-12);
        const scan = scanIsoFlop(law, C, 1e2, C / 6 / 1e2);
        // The scan's grid is 20,001 points over ~20 decades: 0.23 % apart in N.
        assertRelative(opt.N, scan.N, 3e-3);
        expect(law.loss(opt.N, opt.D)).toBeLessThanOrEqual(scan.loss + 1e-12);
        expect(law.loss(opt.N, opt.D)).toBeLessThan(law.loss(opt.N * 1.2, opt.D / 1.2));
        expect(law.loss(opt.N, opt.D)).toBeLessThan(law.loss(opt.N / 1.2, opt.D * 1.2));
      }
    });
  }

  it('epoch: about 20 tokens per parameter at Chinchilla’s own budget, as Hoffmann et al. found', () => {
    // Chinchilla: 70B parameters, 1.4T tokens, on Gopher's budget of 5.76e23 FLOPs (Hoffmann et al. §4).
    // The refit gives 72.2B and 1.33T there (Python), 18.4 tokens per parameter.
    const { N, D } = LAWS.epoch.optimal(5.76e23);
    assertRelative(N, 7.22487025e10, 1e-6);
    assertInDelta(D / N, 18.39, 0.01);
    for (const C of [1e21, 1e25]) {
      const o = LAWS.epoch.optimal(C);
      expect(o.D / o.N).toBeGreaterThan(15);
      expect(o.D / o.N).toBeLessThan(25);
    }
  });

  it('chinchilla (the rounded published constants) gives far more than 20, as Besiroglu et al. point out', () => {
    // 32.2B parameters on 2.98T tokens at 5.76e23 FLOPs: 92.6 tokens per parameter (Python),
    // inconsistent with the paper's approaches 1 and 2 and with Chinchilla itself.
    const { N, D } = LAWS.chinchilla.optimal(5.76e23);
    assertRelative(N, 3.2189859e10, 1e-6);
    assertInDelta(D / N, 92.65, 0.01);
  });

  it('chinchilla matches the closed form of optimalAllocation', () => {
    const a = LAWS.chinchilla.optimal(1e24);
    const b = optimalAllocation(1e24);
    expect(a).toEqual({ N: b.N, D: b.D });
  });

  it('kaplan: N grows as C^(1/(1+α_N/α_D)) ≈ C^0.575', () => {
    const r = Math.log(kaplanOptimal(1e24).N / kaplanOptimal(1e20).N) / Math.log(1e4);
    assertInDelta(r, 1 / (1 + 0.076 / 0.103), 1e-12);
  });
});
