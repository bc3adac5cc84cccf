import { ACCELERATORS, ADAM_MIXED, BYTES_PER_PARAM, gpuDays, impliedMfu, inferenceBytes, trainingBytes } from '../../../src/math/compute-cost';
import { computeFlops } from '../../../src/math/scaling';
import { assertInDelta, assertRelative } from './assert';

describe('memory', () => {
  it('reproduces the article: 7B parameters × 2 bytes = 14 GB', () => {
    expect(inferenceBytes(7e9, 'fp16')).toBe(14e9);
    expect(inferenceBytes(7e9, 'bf16')).toBe(14e9);
    expect(inferenceBytes(7e9, 'fp32')).toBe(28e9);
    expect(inferenceBytes(7e9, 'int8')).toBe(7e9);
    expect(inferenceBytes(7e9, 'int4')).toBe(3.5e9);
  });

  it('our 4.3M-parameter model: ~17 MB in fp32, ~4.3 MB in int8', () => {
    expect(inferenceBytes(4.3e6, 'fp32')).toBe(17.2e6);
    expect(inferenceBytes(4.3e6, 'int8')).toBe(4.3e6);
  });

  it('training with Adam in mixed precision is 16 bytes per parameter, broken down', () => {
    expect(Object.values(ADAM_MIXED).reduce((s, b) => s + b, 0)).toBe(16);
    const t = trainingBytes(7e9);
    expect(t).toEqual({ weights: 14e9, gradients: 14e9, master: 28e9, momentum: 28e9, variance: 28e9, total: 112e9 });
    expect(BYTES_PER_PARAM.fp16).toBe(2);
  });
});

describe('training time', () => {
  it('is FLOPs / (peak × MFU), in days', () => {
    // 1e18 FLOPs at 1e12 FLOP/s and 50 %: 2e6 s = 23.148… days.
    assertInDelta(gpuDays(1e18, 1e12, 0.5), 2e6 / 86400, 1e-12);
    expect(() => gpuDays(1, 1, 0)).toThrow(RangeError);
    expect(() => gpuDays(1, 1, 1.5)).toThrow(RangeError);
  });

  it('Llama 2 70B: 6·70B·2T FLOPs against the reported 1,720,320 A100-hours implies ~43 % MFU', () => {
    // Touvron et al. 2023, table 2: 1,720,320 GPU-hours for the 70B model on A100-80GB.
    const flops = computeFlops(7e10, 2e12);
    const mfu = impliedMfu(flops, ACCELERATORS.a100.peak, 1_720_320 / 24);
    assertInDelta(mfu, 0.435, 0.005);
    assertRelative(gpuDays(flops, ACCELERATORS.a100.peak, mfu), 1_720_320 / 24, 1e-12);
  });
});
