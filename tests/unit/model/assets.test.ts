/** src/model/assets.ts: each file fetched once per page, a failure fetched again next time. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const CAT = {
  default: 'm',
  models: [
    { id: 'm', dtype: 'q8', bytes: 1, version: 'v2' },
    { id: 'm', dtype: 'q8', bytes: 1, version: 'v1', path: 'm@v1/', archived: true },
  ],
};
const HEADS = { layers: 1, heads: 2, labels: [['previous-token', 'broad']], scores: { previous_token: [[0.9, 0.1]] } };
// Byte-level BPE pieces: "Ġ" is a space; id 2 is a special token, named as such.
const TOKENIZER = { model: { vocab: { a: 0, 'Ġthe': 1 } }, added_tokens: [{ id: 2, content: '<|endoftext|>' }] };
const WEIGHTS = {
  wte: { file: 'wte.bin', dtype: 'float32', shape: [2, 2] },
  wpe: { file: 'wpe.bin', dtype: 'float32', shape: [1, 2] },
  ln_f: { weight: [1, 1], bias: [0, 0], eps: 1e-5 },
};

let fetched: string[];
let failNext: Set<string>;

function respond(url: string): Response {
  const path = url.replace(/^\/models\//, '');
  const json = (x: unknown) => new Response(JSON.stringify(x), { status: 200 });
  if (failNext.delete(path)) return new Response('', { status: 503 });
  if (path === 'models.json') return json(CAT);
  if (path === 'm/heads.json') return json(HEADS);
  if (path === 'm/tokenizer.json' || path === 'm@v1/tokenizer.json') return json(TOKENIZER);
  if (path === 'm/weights.json') return json(WEIGHTS);
  if (path === 'm/wte.bin') return new Response(new Float32Array([1, 2, 3, 4]).buffer as ArrayBuffer);
  if (path === 'm/wpe.bin') return new Response(new Float32Array([5, 6]).buffer as ArrayBuffer);
  return new Response('', { status: 404 });
}

async function assets() {
  vi.resetModules();
  return import('../../../src/model/assets');
}

beforeEach(() => {
  fetched = [];
  failNext = new Set();
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    fetched.push(String(url));
    return respond(String(url));
  }));
});
afterEach(() => vi.unstubAllGlobals());

describe('model assets', () => {
  it('ends the site base in one slash', async () => {
    expect((await assets()).siteBase()).toBe('/');
  });

  it('fetches the catalogue once, however many callers ask at once', async () => {
    const a = await assets();
    const [x, y] = await Promise.all([a.catalogue(), a.catalogue()]);
    await a.catalogue();
    expect(x).toBe(y);
    expect(fetched).toEqual(['/models/models.json']);
  });

  it('fetches head scores once per model, for the default when none is named, and labels from them', async () => {
    const a = await assets();
    const [h, labels] = await Promise.all([a.headScores(), a.headLabels('m')]);
    expect(h.labels).toEqual([['previous-token', 'broad']]);
    expect(labels).toEqual(h.labels);
    await a.headScores('m');
    expect(fetched.filter((u) => u.endsWith('heads.json'))).toEqual(['/models/m/heads.json']);
  });

  it('forgets a failed fetch, so the next call fetches again', async () => {
    const a = await assets();
    failNext.add('m/heads.json');
    await expect(a.headScores('m')).rejects.toThrow(/503/);
    await expect(a.headScores('m')).resolves.toMatchObject({ layers: 1 });
    expect(fetched.filter((u) => u.endsWith('heads.json'))).toHaveLength(2);
  });

  it('gives null labels for a model without heads.json, and asks again next time', async () => {
    const a = await assets();
    expect(await a.headLabels('other')).toBeNull();
    expect(await a.headLabels('other')).toBeNull();
    expect(fetched.filter((u) => u === '/models/other/heads.json')).toHaveLength(2);
  });

  it('decodes the vocabulary once per folder, sized by the largest id unless told', async () => {
    const a = await assets();
    expect(await a.vocabulary()).toEqual(['a', ' the', '<|endoftext|>']);
    expect(await a.vocabulary('m', 4)).toEqual(['a', ' the', '<|endoftext|>', '']);
    expect(fetched.filter((u) => u.endsWith('tokenizer.json'))).toEqual(['/models/m/tokenizer.json']);
    // A link's archived ref reads that version's own folder.
    await a.vocabulary('m@v1');
    expect(fetched.filter((u) => u.endsWith('tokenizer.json'))).toEqual(['/models/m/tokenizer.json', '/models/m@v1/tokenizer.json']);
  });

  it('reads the side files once, checked against weights.json', async () => {
    const a = await assets();
    const [s, again] = await Promise.all([a.sideFiles('m'), a.sideFiles()]);
    expect(s).toBe(again);
    expect(Array.from(s.unembedding.wte)).toEqual([1, 2, 3, 4]);
    expect(s.unembedding).toMatchObject({ vocab: 2, d: 2 });
    expect(Array.from(s.wpe)).toEqual([5, 6]);
    expect(s.norm.eps).toBe(1e-5);
    expect(fetched.filter((u) => u.endsWith('.bin')).sort()).toEqual(['/models/m/wpe.bin', '/models/m/wte.bin']);
  });
});
