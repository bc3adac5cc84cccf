import { describe, expect, it } from 'vitest';
import entry from '../../../src/diagrams/scaling-laws/entry';
import { clampPair, resolveScaling, scalingExport, toOptimal, withCompute, withSplit } from '../../../src/diagrams/scaling-laws/resolve';
import { parseState } from '../../../src/diagrams/kit/state';
import { optimalAllocation } from '../../../src/math/scaling';
import { assertInDelta, assertRelative } from '../math/assert';

/** What the embed page does with a query: parse, then settle N, D and C. */
function fromQuery(q: string) {
  const params = new URLSearchParams(q);
  const parsed = parseState(params, entry.state);
  return resolveScaling(parsed.state, new Set(Object.keys(entry.state).filter((k) => params.has(k))));
}

describe('scaling-laws state', () => {
  it('N and D give C = 6ND, and the exported loss is the formula’s', () => {
    const { state, notes } = fromQuery('N=7e10&D=1.4e12&law=chinchilla');
    expect(notes).toEqual([]);
    expect(state).toEqual({ N: 7e10, D: 1.4e12, C: 5.88e23, law: 'chinchilla' });
    const x = scalingExport(state);
    expect(x.compute).toBe(6 * 7e10 * 1.4e12);
    assertInDelta(x.loss, 1.9366454705587173, 1e-9);
  });

  it('C alone gives the law’s compute-optimal split, and `optimal` is the closed form', () => {
    const { state, notes } = fromQuery('C=1e24');
    expect(notes).toEqual([]);
    const closed = optimalAllocation(1e24);
    expect(state.C).toBe(1e24);
    assertRelative(state.N, closed.N, 5e-3); // N and D are kept to 3 figures
    assertRelative(state.D, closed.D, 5e-3);
    const x = scalingExport(state);
    expect(x.optimal.N).toBe(closed.N);
    expect(x.optimal.D).toBe(closed.D);
  });

  it('C with N gives D = C/6N; C with D gives N', () => {
    expect(fromQuery('C=6e21&N=1e9').state.D).toBe(1e12);
    expect(fromQuery('C=6e21&D=1e12').state.N).toBe(1e9);
  });

  it('an inconsistent C is replaced by 6ND, with a note', () => {
    const { state, notes } = fromQuery('N=1e9&D=1e10&C=1e25');
    expect(state.C).toBe(6e19);
    expect(notes).toHaveLength(1);
  });

  it('an optimum outside the drawn range is clamped, with a note', () => {
    const { state, notes } = fromQuery('C=6e27&law=kaplan');
    expect(state.N).toBeLessThanOrEqual(entry.state.N.max);
    expect(state.C).toBe(6 * state.N * state.D);
    expect(notes.length).toBeGreaterThan(0);
  });

  it('controls keep C = 6ND: the split moves along the iso-FLOP curve, the C slider keeps D/N', () => {
    const s = fromQuery('').state;
    const split = withSplit(s, 100);
    assertRelative(split.C, s.C, 1e-2);
    assertInDelta(split.D / split.N, 100, 1);
    const more = withCompute(s, s.C * 100);
    assertRelative(more.D / more.N, s.D / s.N, 1e-2);
    assertRelative(more.C, s.C * 100, 1e-2);
    const opt = toOptimal(s);
    assertRelative(opt.N, optimalAllocation(s.C).N, 5e-3);
    expect(clampPair(s, 1, 1)).toMatchObject({ N: 1e6, D: 1e8, C: 6e14 });
  });

  it('lists Mistral 7B and GPT-2 with D not published, and the rest with tokens per parameter', () => {
    const m = scalingExport(fromQuery('').state).models;
    expect(m.filter((r) => r.D === null).map((r) => r.name)).toEqual(['GPT-2', 'Mistral 7B']);
    expect(m.find((r) => r.name === 'Chinchilla')?.tokensPerParam).toBe(20);
    assertInDelta(m.find((r) => r.name === 'GPT-3')?.tokensPerParam ?? 0, 1.714, 1e-3);
  });
});
