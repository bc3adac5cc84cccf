import { describe, expect, it } from 'vitest';
import { diagrams } from '../../../src/diagrams/registry';
import nextToken from '../../../src/diagrams/next-token/entry';
import type { StateSchema } from '../../../src/diagrams/kit/schema';
import { defaults, normalizeState, parseState, quote, serializeState } from '../../../src/diagrams/kit/state';

const schema = {
  text: { kind: 'string', maxLength: 20, default: 'hello', label: 'prompt' },
  layer: { kind: 'int', min: 0, max: 5, default: 0, label: 'layer' },
  temperature: { kind: 'number', min: 0, max: 2, step: 0.1, default: 1, label: 'temperature' },
  mode: { kind: 'enum', values: ['greedy', 'top-k', 'top-p'], default: 'greedy', label: 'mode' },
} as const satisfies StateSchema;

const parse = (q: string) => parseState(q, schema);

describe('parseState', () => {
  it('returns the defaults for an empty query, with no notes', () => {
    expect(parse('')).toEqual({ state: defaults(schema), notes: [] });
  });

  it('reads valid values of every kind', () => {
    const { state, notes } = parse('text=Once%20upon&layer=3&temperature=0.7&mode=top-p');
    expect(state).toEqual({ text: 'Once upon', layer: 3, temperature: 0.7, mode: 'top-p' });
    expect(notes).toEqual([]);
  });

  it('accepts an empty string as a value, not as missing', () => {
    expect(parse('text=')).toEqual({ state: { ...defaults(schema), text: '' }, notes: [] });
  });

  it('keeps markup as inert text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { state } = parseState(new URLSearchParams({ text: hostile }), { text: { ...schema.text, maxLength: 100 } });
    expect(state.text).toBe(hostile);
  });

  it('keeps emoji and cuts long strings on a code point boundary', () => {
    const emoji = '🐈'.repeat(15); // 30 UTF-16 units
    const { state, notes } = parseState(new URLSearchParams({ text: emoji }), schema);
    expect(state.text).toBe('🐈'.repeat(10));
    expect(notes).toEqual(['prompt was 30 characters long; cut to the first 20.']);
    const odd = parseState(new URLSearchParams({ text: 'a' + '🐈'.repeat(15) }), schema);
    expect(odd.state.text).toBe('a' + '🐈'.repeat(9));
    expect(odd.state.text.isWellFormed()).toBe(true);
  });

  it('cuts a 100 kB string with a short note', () => {
    const big = '<script>'.repeat(12_800);
    const { state, notes } = parseState(new URLSearchParams({ text: big }), nextToken.state);
    expect(state.text).toHaveLength(2000);
    expect(notes).toEqual(['prompt was 102,400 characters long; cut to the first 2,000.']);
  });

  it('replaces lone surrogates and says so', () => {
    const { state, notes } = normalizeState({ text: 'a\uD800b' }, schema);
    expect(state.text).toBe('a\uFFFDb');
    expect(notes).toHaveLength(1);
  });

  it('clamps out-of-range numbers with a note', () => {
    expect(parse('layer=99')).toEqual({
      state: { ...defaults(schema), layer: 5 },
      notes: ['layer: 99 is above the maximum 5; using 5.'],
    });
    expect(parse('layer=-4').state.layer).toBe(0);
    expect(parse('temperature=1e9').state.temperature).toBe(2);
    expect(parse('temperature=-0.5').notes[0]).toMatch(/below the minimum 0/);
  });

  it('drops values that are not numbers, keeping the default', () => {
    for (const bad of ['NaN', 'Infinity', '-Infinity', '', 'abc', '1e', '0x10', '1,5', 'alert(1)', '2.5']) {
      const r = parse(`layer=${encodeURIComponent(bad)}`);
      expect(r.state.layer, bad).toBe(0);
      expect(r.notes, bad).toHaveLength(1);
    }
    for (const bad of ['NaN', 'Infinity', '', ' ', 'abc', '1..2', '0x1', '1/0']) {
      const r = parse(`temperature=${encodeURIComponent(bad)}`);
      expect(r.state.temperature, bad).toBe(1);
      expect(r.notes[0], bad).toMatch(/not a number/);
    }
  });

  it('snaps numbers to the step without float noise', () => {
    expect(parse('temperature=0.3').state.temperature).toBe(0.3);
    const r = parse('temperature=0.74');
    expect(r.state.temperature).toBe(0.7);
    expect(r.notes).toEqual(['temperature: 0.74 was rounded to 0.7 (steps of 0.1).']);
    expect(parse('temperature=%20.5%20').state.temperature).toBe(0.5);
  });

  it('drops unknown enum values, case-sensitively', () => {
    const r = parse('mode=TOP-K');
    expect(r.state.mode).toBe('greedy');
    expect(r.notes[0]).toBe('mode: “TOP-K” is not one of greedy, top-k, top-p; using greedy.');
  });

  it('ignores unknown parameters and prototype keys', () => {
    const r = parse('__proto__=x&constructor=y&utm_source=z&toString=1');
    expect(r).toEqual({ state: defaults(schema), notes: [] });
    expect(Object.getPrototypeOf(r.state)).toBe(Object.prototype);
  });

  it('uses the first of repeated parameters, with a note', () => {
    const r = parse('layer=1&layer=2');
    expect(r.state.layer).toBe(1);
    expect(r.notes).toEqual(['layer was given 2 times; using the first.']);
  });

  it('quotes hostile values in notes briefly and on one line', () => {
    const r = parse(`layer=${encodeURIComponent('<b>\n'.repeat(1000))}`);
    expect(r.notes[0].length).toBeLessThan(120);
    expect(r.notes[0]).not.toContain('\n');
    expect(quote('x'.repeat(41))).toBe(`“${'x'.repeat(40)}…”`);
  });

  it('never throws, whatever the query', () => {
    const queries = ['%', '%E0%A4%A', '&&&', '=', 'text', 'text=%00%01', '?text=a', 'layer=' + '9'.repeat(400)];
    for (const q of queries) expect(() => parse(q), q).not.toThrow();
    expect(parse('layer=' + '9'.repeat(400)).state.layer).toBe(5);
  });
});

describe('serializeState', () => {
  it('omits defaults', () => {
    expect(serializeState(defaults(schema), schema)).toBe('');
    expect(serializeState({ ...defaults(schema), layer: 2 }, schema)).toBe('layer=2');
  });

  it('encodes spaces as %20 and round-trips hostile text', () => {
    const state = { ...defaults(schema), text: 'a b&c=d <x>#🐈', temperature: 0.3, mode: 'top-k' as const };
    const q = serializeState(state, schema);
    expect(q).toBe('text=a%20b%26c%3Dd%20%3Cx%3E%23%F0%9F%90%88&temperature=0.3&mode=top-k');
    expect(parse(q)).toEqual({ state, notes: [] });
  });

  it('keeps an empty text, which differs from the default', () => {
    expect(serializeState({ text: '' }, nextToken.state)).toBe('text=');
  });
});

describe('registry', () => {
  it('has kebab-case, unique ids and chapter routes with a trailing slash', () => {
    const ids = diagrams.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of diagrams) {
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.chapter).toMatch(/^\/([a-z0-9-]+\/)*$/);
    }
  });

  it('has fixtures that are valid states and round-trip through the URL', () => {
    for (const d of diagrams) {
      for (const [name, fixture] of Object.entries(d.fixtures)) {
        const { state, notes } = normalizeState(fixture, d.state);
        expect(notes, `${d.id}/${name}`).toEqual([]);
        expect(parseState(serializeState(state, d.state), d.state).state).toEqual(state);
      }
    }
  });

  it('has defaults inside their own bounds', () => {
    for (const d of diagrams) {
      expect(normalizeState(defaults(d.state), d.state).notes).toEqual([]);
    }
  });
});
