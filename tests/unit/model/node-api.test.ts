/** The Node ModelApi (node.ts) honours output subsets and model refs the way the worker does. */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultEntry } from '../../../src/model/catalogue';
import { nodeModel, readCatalogue } from '../../../src/model/node';
import type { ModelApi } from '../../../src/model/api';

let model: ModelApi;

beforeAll(async () => {
  // A ref to a version that is not served: resolved to the default, as a stale link is.
  model = nodeModel({ ref: 'glassbox-gpt-6l@000000000000' });
  await model.load();
});

describe('nodeModel', () => {
  it('loads the default for a version the catalogue does not serve', async () => {
    expect((await model.load()).version).toBe(defaultEntry(readCatalogue()).version);
  });

  it('returns only the outputs asked for, with the full trace\'s numbers', async () => {
    const full = await model.trace('The cat sat');
    const part = await model.trace('The cat sat', { outputs: ['attentions'] });
    expect(Object.keys(part).sort()).toEqual(['attentions', 'model', 'text', 'tokens', 'truncated']);
    expect(part.tokens).toEqual(full.tokens);
    expect(Array.from(part.attentions.data)).toEqual(Array.from(full.attentions.data));
  });
});
