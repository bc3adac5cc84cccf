import { describe, expect, it } from 'vitest';
import type { StateSchema } from '../../../src/diagrams/kit/schema';
import { compactExponent, normalizeState, parseState, serializeState } from '../../../src/diagrams/kit/state';

const schema = {
  N: { kind: 'log', min: 1e6, max: 1e13, digits: 3, default: 7e10, label: 'parameters N' },
} as const satisfies StateSchema;

describe('log fields', () => {
  it('read exponent and plain notation exactly', () => {
    expect(parseState('N=7e10', schema)).toEqual({ state: { N: 7e10 }, notes: [] });
    expect(parseState('N=1.4E12', schema).state.N).toBe(1.4e12);
    expect(parseState('N=4300000', schema).state.N).toBe(4.3e6);
    expect(parseState('N=5.88e%2B12', schema).state.N).toBe(5.88e12);
  });

  it('round to the significant figures of the field, with a note', () => {
    const p = parseState('N=1.23456e9', schema);
    expect(p.state.N).toBe(1.23e9);
    expect(p.notes).toEqual(['parameters N: 1.23456e9 was rounded to 1.23e+9 (3 significant figures).']);
  });

  it('clamp to their bounds and drop what is not a number', () => {
    expect(parseState('N=1e20', schema).state.N).toBe(1e13);
    expect(parseState('N=-5', schema).state.N).toBe(1e6);
    expect(parseState('N=1e20', schema).notes[0]).toMatch(/above the maximum/);
    for (const bad of ['abc', '', 'Infinity', 'NaN', '0x10', '1e', '<svg>']) {
      const p = parseState(`N=${encodeURIComponent(bad)}`, schema);
      expect(p.state.N, bad).toBe(7e10);
      expect(p.notes, bad).toHaveLength(1);
    }
  });

  it('serialize compactly and round-trip', () => {
    expect(compactExponent(7e10)).toBe('7e10');
    expect(compactExponent(1.4e12)).toBe('1.4e12');
    expect(compactExponent(4.3e6)).toBe('4.3e6');
    expect(serializeState({ N: 1.4e12 }, schema)).toBe('N=1.4e12');
    expect(serializeState({ N: 7e10 }, schema)).toBe('');
    for (const N of [1e6, 3.16e7, 1.23e9, 9.99e12]) {
      const q = serializeState(normalizeState({ N }, schema).state, schema);
      expect(parseState(q, schema).state.N).toBe(N);
    }
  });
});
