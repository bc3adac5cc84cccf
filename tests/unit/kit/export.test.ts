// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { JsonSlot } from '../../../src/diagrams/kit/export';

describe('JsonSlot', () => {
  it('writes state first, replacing a stale state in the body', () => {
    const el = document.createElement('script');
    const slot = new JsonSlot(el);
    slot.write({ text: 'new' }, { state: { text: 'old' }, model: { id: 'm', version: '1' }, top: [1] });
    expect(el.textContent).toBe('{"state":{"text":"new"},"model":{"id":"m","version":"1"},"top":[1]}');
    expect(slot.read()).toEqual({ state: { text: 'new' }, model: { id: 'm', version: '1' }, top: [1] });
  });

  it('splices a body already serialised, empty or not', () => {
    const el = document.createElement('script');
    const slot = new JsonSlot(el);
    slot.writeRaw({ a: 1 }, '{"b":2}');
    expect(JSON.parse(el.textContent ?? '')).toEqual({ state: { a: 1 }, b: 2 });
    slot.writeRaw({ a: 1 }, '{}');
    expect(JSON.parse(el.textContent ?? '')).toEqual({ state: { a: 1 } });
  });
});
