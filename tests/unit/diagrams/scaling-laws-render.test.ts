// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { render, summarize } from '../../../src/diagrams/scaling-laws/render';
import { resolveScaling, scalingExport } from '../../../src/diagrams/scaling-laws/resolve';
import entry from '../../../src/diagrams/scaling-laws/entry';
import { defaults } from '../../../src/diagrams/kit/state';
import { mount } from './dom';

const data = (over: Record<string, unknown> = {}) => {
  const s = { ...defaults(entry.state), ...over } as ReturnType<typeof defaults<typeof entry.state>>;
  return scalingExport(resolveScaling(s, new Set(Object.keys(over))).state);
};

afterEach(() => document.body.replaceChildren());

describe('scaling-laws render', () => {

  it('summarises the setting and the optimum in words', () => {
    // Optimum at 5.88e23 FLOPs (Python, closed form): N 32.49e9, D 3.016e12, D/N 92.83, L 1.92999.
    expect(summarize(data())).toBe(
      'Chinchilla law: N = 70 B parameters and D = 1.4 T tokens (20.0 tokens per parameter, C = 5.88 × 10²³ FLOPs) give a predicted loss of 1.937 nats per token. ' +
        'For the same compute the law’s optimum is N = 32.5 B, D = 3.02 T (92.8 tokens per parameter, loss 1.930).',
    );
  });

  it('places every model with a published D and tabulates all of them', () => {
    const root = mount();
    render(root, data(), { reducedMotion: true });
    expect([...root.querySelectorAll('[data-model]')].map((g) => g.getAttribute('data-model'))).toEqual([
      'GPT-3',
      'Gopher',
      'Chinchilla',
      'Llama 2 7B',
      'Llama 2 13B',
      'Llama 2 70B',
    ]);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(10);
    expect(rows.find((r) => r[0] === 'Mistral 7B')).toEqual(['Mistral 7B', '7.3 B', 'not published', 'not published', 'not published', 'not published', 'Jiang et al. 2023']);
    expect(rows.find((r) => r[0] === 'Chinchilla')?.slice(1, 4)).toEqual(['70 B', '1.4 T', '20.0']);
  });

  it('moves only the marks on a slider update, and redraws contours when the law changes', () => {
    const root = mount();
    const chart = render(root, data(), { width: 640, reducedMotion: true });
    const contour = root.querySelector('.gb-sl-contours path');
    const before = root.querySelector('.gb-sl-current')?.getAttribute('transform');
    chart.update(data({ N: 1e9 }));
    expect(root.querySelector('.gb-sl-contours path')).toBe(contour);
    expect(root.querySelector('.gb-sl-current')?.getAttribute('transform')).not.toBe(before);
    const levels = [...root.querySelectorAll('.gb-sl-contours path')].map((p) => p.getAttribute('data-loss'));
    chart.update(data({ law: 'kaplan' }));
    expect([...root.querySelectorAll('.gb-sl-contours path')].map((p) => p.getAttribute('data-loss'))).not.toEqual(levels);
  });
});
