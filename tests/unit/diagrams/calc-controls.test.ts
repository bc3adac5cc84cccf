import { describe, expect, it } from 'vitest';
import { applyControl as memoryControl } from '../../../src/diagrams/model-memory/controls';
import { applyControl as costControl } from '../../../src/diagrams/training-cost/controls';
import { applyControl as scalingControl, SLIDERS } from '../../../src/diagrams/scaling-laws/controls';
import modelMemory from '../../../src/diagrams/model-memory/entry';
import scalingLaws from '../../../src/diagrams/scaling-laws/entry';
import trainingCost from '../../../src/diagrams/training-cost/entry';
import { defaults, normalizeState } from '../../../src/diagrams/kit/state';
import { assertInDelta, assertRelative } from '../math/assert';

const base = defaults(scalingLaws.state);

describe('scaling-laws controls', () => {
  it('N and D sliders move in log10 units and keep C = 6ND', () => {
    const s = scalingControl(base, 'N', '9');
    expect(s.N).toBe(1e9);
    expect(s.D).toBe(base.D);
    expect(s.C).toBe(6 * 1e9 * base.D);
    expect(scalingControl(base, 'D', '10.5').D).toBe(3.16e10);
  });

  it('every slider shows the state it was set to, with units', () => {
    for (const spec of SLIDERS) {
      const s = scalingControl(base, spec.control, String(spec.value(base) - 0.5));
      assertInDelta(spec.value(s), spec.value(base) - 0.5, 0.01);
      expect(spec.text(s)).toMatch(/parameters|tokens|FLOPs/);
    }
  });

  it('states made by controls are states a link could make', () => {
    for (const [name, v] of [['N', '12.999'], ['D', '8'], ['C', '27.7'], ['split', '-2'], ['split', '5'], ['law', 'kaplan'], ['optimal', '']] as const) {
      const s = scalingControl(base, name, v);
      expect(normalizeState(s, scalingLaws.state).notes, `${name}=${v}`).toEqual([]);
      assertRelative(s.C, 6 * s.N * s.D, 1e-5);
    }
  });
});

describe('model-memory and training-cost controls', () => {
  it('set N on a log scale to the field’s significant figures, and the enums', () => {
    expect(memoryControl(defaults(modelMemory.state), 'N', String(Math.log10(7e9))).N).toBe(7e9);
    expect(memoryControl(defaults(modelMemory.state), 'dtype', 'int4').dtype).toBe('int4');
    const c = defaults(trainingCost.state);
    expect(costControl(c, 'D', '12').D).toBe(1e12);
    expect(costControl(c, 'mfu', '0.55').mfu).toBe(0.55);
    expect(costControl(c, 'gpu', 'h100').gpu).toBe('h100');
  });
});
