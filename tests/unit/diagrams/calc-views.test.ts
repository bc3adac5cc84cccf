// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { bytes, count, sci } from '../../../src/diagrams/kit/calc/format';
import { memoryExport, memorySummary } from '../../../src/diagrams/model-memory/data';
import { render as renderMemory } from '../../../src/diagrams/model-memory/render';
import { costExport, costSummary, days } from '../../../src/diagrams/training-cost/data';
import { render as renderCost } from '../../../src/diagrams/training-cost/render';

afterEach(() => document.body.replaceChildren());

describe('formats', () => {
  it('write numbers as the papers do', () => {
    expect(sci(5.88e23)).toBe('5.88 × 10²³');
    expect(sci(1e-3)).toBe('1 × 10⁻³');
    expect(count(7e10)).toBe('70 B');
    expect(count(1.4e12)).toBe('1.4 T');
    expect(count(4.3e6)).toBe('4.3 M');
    expect(bytes(14e9)).toBe('14 GB');
    expect(bytes(3.5e9)).toBe('3.5 GB');
    expect(days(0.5)).toBe('12 GPU-hours');
    expect(days(71_680)).toBe('196 GPU-years');
  });
});

describe('model-memory', () => {
  it('exports 14e9 bytes for 7B parameters in fp16 and 16 bytes per parameter to train', () => {
    const x = memoryExport({ N: 7e9, dtype: 'fp16' });
    expect(x.bytes).toEqual({ inference: 14e9, training: 112e9 });
    expect(x.inference).toEqual({ fp32: 28e9, fp16: 14e9, bf16: 14e9, int8: 7e9, int4: 3.5e9 });
    expect(memorySummary(x)).toBe(
      '7 B parameters × 2 bytes (fp16) = 14 GB for the weights at inference. Training with Adam in mixed precision needs about 112 GB (16 bytes per parameter) before activations.',
    );
  });

  it('draws a bar per format plus training, highlighting the chosen one, and a table', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    renderMemory(root, memoryExport({ N: 7e9, dtype: 'int8' }), { width: 640, reducedMotion: true });
    const bars = [...root.querySelectorAll('[data-bar]')];
    expect(bars.map((b) => b.getAttribute('data-bar'))).toEqual(['fp32', 'fp16', 'bf16', 'int8', 'int4', 'training']);
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual([28e9, 14e9, 14e9, 7e9, 3.5e9, 112e9]);
    expect(root.querySelector('[data-bar="int8"] rect')?.getAttribute('fill')).toBe('#D55E00');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(5 + 5 + 1);
  });
});

describe('training-cost', () => {
  it('turns 6ND into accelerator-days at the chosen peak and utilisation', () => {
    const x = costExport({ N: 7e10, D: 2e12, gpu: 'a100', mfu: 0.4 });
    expect(x.flops).toBe(8.4e23);
    expect(x.gpuDays).toBeCloseTo(8.4e23 / (312e12 * 0.4) / 86_400, 9);
    expect(x.runs.find((r) => r.name === 'GPT-2 (1.5B)')?.gpuDays).toBeNull();
    expect(x.runs.find((r) => r.name === 'GPT-4')?.basis).toBe('estimate');
    expect(costSummary(x)).toMatch(/^70 B parameters on 2 T tokens is 6·N·D = 8.4 × 10²³ FLOPs: /);
  });

  it('labels estimates in the bars and sources in the table', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    renderCost(root, costExport({ N: 1.24e8, D: 1e10, gpu: 'h100', mfu: 0.5 }), { width: 640, reducedMotion: true });
    expect([...root.querySelectorAll('[data-bar] .label')].map((t) => t.textContent)).toEqual([
      'Your run',
      'GPT-2 (1.5B)',
      'GPT-3 (175B)',
      'Chinchilla (70B)',
      'Llama 2 70B (est.)',
      'GPT-4 (est.)',
    ]);
    expect(root.querySelector('[data-bar="GPT-2 (1.5B)"] .value')?.textContent).toBe('not published');
    expect(root.querySelector('table')?.textContent).toContain('Epoch AI estimate (not published by OpenAI)');
  });
});
