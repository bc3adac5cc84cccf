import { describe, expect, it } from 'vitest';
import { formatPin, fullQuery, parsePin } from '../../../src/diagrams/kit/link';
import type { StateSchema } from '../../../src/diagrams/kit/schema';
import { parseState } from '../../../src/diagrams/kit/state';

const schema = {
  text: { kind: 'string', maxLength: 100, default: 'The cat', label: 'text' },
  layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
  N: { kind: 'log', min: 1e6, max: 1e13, digits: 3, default: 7e10, label: 'N' },
} as const satisfies StateSchema;

describe('links that stay true', () => {
  it('write every key, defaults included, in schema order, then the model', () => {
    const q = fullQuery({ text: 'The cat', layer: 1, N: 7e10 }, schema, { id: 'glassbox-gpt-6l', version: '90001387c6ee' });
    expect(q).toBe('text=The%20cat&layer=1&N=7e10&model=glassbox-gpt-6l@90001387c6ee');
  });

  it('keep their meaning when a default changes later', () => {
    const q = fullQuery({ text: 'The cat', layer: 1, N: 7e10 }, schema, null);
    const changed = { ...schema, text: { ...schema.text, default: 'A new example' }, layer: { ...schema.layer, default: 3 } };
    expect(parseState(q, changed).state).toEqual({ text: 'The cat', layer: 1, N: 7e10 });
  });

  it('name no model for diagrams that are not fed by one', () => {
    expect(fullQuery({ text: 'x' }, schema, null)).toBe('text=x&layer=1&N=7e10');
  });

  it('read a model pin, and drop a malformed one with a note', () => {
    expect(parsePin('glassbox-gpt-6l@90001387c6ee')).toEqual({ pin: { id: 'glassbox-gpt-6l', version: '90001387c6ee' } });
    expect(parsePin(null)).toEqual({ pin: null });
    for (const bad of ['glassbox', '@v1', 'a@', '<img src=x>@1', 'a@b@c', 'A b@1']) {
      const r = parsePin(bad);
      expect(r.pin, bad).toBeNull();
      expect(r.note, bad).toMatch(/^model: “.*” is not of the form <id>@<version>/);
    }
    expect(formatPin({ id: 'm', version: '2' })).toBe('m@2');
  });
});
