/**
 * The decoding views' state beyond the schema: the sampler order and the forks a link carries are
 * read leniently (bad parts dropped with a note, never thrown), and the controls' rows follow
 * the order.
 */
import { describe, expect, it } from 'vitest';
import { GREEDY_NOTE, isGreedy, parseOrder, resolveOrder, rowsOf, SAMPLER_FIELDS } from '../../../src/diagrams/kit/decoding/fields';
import { formatForks, parseForks } from '../../../src/diagrams/generate/data';
import { parseState } from '../../../src/diagrams/kit/state';

const defaults = Object.fromEntries(Object.entries(SAMPLER_FIELDS).map(([k, f]) => [k, f.default])) as never as Parameters<typeof isGreedy>[0];

describe('sampler order', () => {
  it('keeps known samplers in the given order and notes the rest', () => {
    expect(parseOrder('top_p, temperature,top_p,<b>')).toEqual({
      order: ['top_p', 'temperature'],
      notes: ['order: top_p was listed twice; it runs once, at its first place.', 'order: “<b>” is not a sampler (repetition_penalty, no_repeat_ngram, temperature, top_k, top_p, min_p, typical_p); it was left out.'],
    });
    expect(resolveOrder({ order: ' min_p ,top_k' }).state.order).toBe('min_p,top_k');
    expect(parseOrder('')).toEqual({ order: [], notes: [] });
  });

  it('lists switched-on rows first, in order, then the others', () => {
    expect(rowsOf(['top_p', 'temperature']).map((r) => `${r.id}:${r.on}`).slice(0, 4)).toEqual(['top_p:true', 'temperature:true', 'repetition_penalty:false', 'no_repeat_ngram:false']);
  });

  it('is greedy only with temperature 0 switched on, and says so', () => {
    expect(isGreedy({ ...defaults, temperature: 0 })).toBe(true);
    expect(isGreedy({ ...defaults, temperature: 0, order: 'top_k' })).toBe(false);
    expect(GREEDY_NOTE).toMatch(/greedy/);
  });

  it('clamps the issue’s bad values with notes', () => {
    const { state, notes } = parseState('temperature=-1&top_p=1.5&top_k=0&seed=1.5', SAMPLER_FIELDS);
    expect(state).toMatchObject({ temperature: 0, top_p: 1, top_k: 1, seed: 42 });
    expect(notes).toHaveLength(4);
  });
});

describe('forks', () => {
  it('round-trips step:id pairs and drops bad ones with a note', () => {
    const { forks, notes } = parseForks('3:17,x,1:99999,0:5', 8192);
    expect([...forks]).toEqual([[3, 17], [0, 5]]);
    expect(notes).toHaveLength(2);
    expect(formatForks(forks)).toBe('0:5,3:17');
    expect(formatForks(forks, 2)).toBe('0:5');
  });
});
