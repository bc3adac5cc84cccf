/**
 * The abilities chapter's published numbers (src/data/emergence.json, src/data/model-timeline.json):
 * every number-bearing row names its source, a paper and a location in it; estimates and values
 * read off a figure are flagged as such, so the diagrams can draw them differently.
 */
import { describe, expect, it } from 'vitest';
import emergence from '../../../src/data/emergence.json' with { type: 'json' };
import timeline from '../../../src/data/model-timeline.json' with { type: 'json' };
import { MODELS } from '../../../src/diagrams/model-timeline/entry';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object in the tree that carries a number directly, with its path. */
function numberBearing(v: Json, path = '$'): { path: string; row: Obj }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => numberBearing(x, `${path}[${i}]`));
  if (!isObj(v)) return [];
  const own = Object.values(v).some((x) => typeof x === 'number') || ('value' in v && 'source' in v);
  return [...(own ? [{ path, row: v }] : []), ...Object.entries(v).flatMap(([k, x]) => numberBearing(x, `${path}.${k}`))];
}

/** A row's citation: its own `source`. */
function problems(row: Obj): string[] {
  const s = row.source;
  if (!isObj(s)) return ['no source'];
  const out: string[] = [];
  if (typeof s.paper !== 'string' || s.paper.trim().length < 4) out.push('source.paper is empty');
  if (typeof s.location !== 'string' || s.location.trim().length < 2) out.push('source.location is empty');
  return out;
}

// Rows that hold only layout numbers (answer length) and cite through their rows: the task headers.
const isTaskHeader = (row: Obj) => Array.isArray(row.rows);

describe('cited data: every number names its source', () => {
  for (const [name, file] of [
    ['emergence.json', emergence],
    ['model-timeline.json', timeline],
  ] as const) {
    it(`${name}: each number-bearing row has a source with paper and location`, () => {
      const rows = numberBearing(file as unknown as Json).filter((r) => !isTaskHeader(r.row));
      expect(rows.length).toBeGreaterThan(20);
      const bad = rows.flatMap((r) => problems(r.row).map((p) => `${r.path}: ${p}`));
      expect(bad).toEqual([]);
    });
  }

  it('the check fails on a row without a source, or with an empty location', () => {
    expect(problems({ value: 1 })).toEqual(['no source']);
    expect(problems({ value: 1, source: { paper: 'Brown et al. 2020', location: '' } })).toEqual(['source.location is empty']);
    expect(numberBearing({ rows: [{ x: 1 }] }).map((r) => r.path)).toEqual(['$.rows[0]']);
  });
});

describe('cited data: estimates and read-off values are flagged', () => {
  it('model-timeline: outside estimates are flagged and say whose estimate they are; GPT-4’s 1.7 T is one', () => {
    const cited = timeline.rows.flatMap((r) => (['params', 'tokens', 'context'] as const).map((k) => ({ id: r.id, k, c: r[k] as { value: number | null; estimate?: boolean; source: { paper: string; location: string } } })));
    for (const { id, k, c } of cited) {
      const says = /estimate/i.test(`${c.source.paper} ${c.source.location}`);
      expect(Boolean(c.estimate), `${id}.${k}: flagged iff its source calls it an estimate`).toBe(says);
      if (c.value === null) expect(`${c.source.location}`, `${id}.${k}: says why it is missing`).toMatch(/not (published|stated)|no .*(count|size)/i);
    }
    const gpt4 = timeline.rows.find((r) => r.id === 'gpt-4');
    expect(gpt4?.params).toMatchObject({ value: 1.7e12, estimate: true });
  });

  it('emergence: a value read off a figure is flagged approximate, with its margin, and says so', () => {
    const rows = emergence.arithmetic.tasks.flatMap((t) => t.rows);
    for (const r of rows) {
      const readOff = /approximate/i.test(r.source.read);
      expect(r.approximate, `${r.model}: ${r.source.read}`).toBe(readOff);
      if (r.approximate) expect((r as { margin?: number }).margin).toBeGreaterThan(0);
    }
    expect(rows.filter((r) => !r.approximate).every((r) => /exact/.test(r.source.read))).toBe(true);
  });

  it('the timeline’s highlight choices are the file’s models and ours', () => {
    expect([...MODELS]).toEqual([...timeline.rows.map((r) => r.id), 'ours']);
  });
});
