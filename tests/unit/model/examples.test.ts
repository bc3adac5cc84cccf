/** The precomputed example data is the current model's output, not stale or hand-written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExamples } from '../../../src/examples/build';
import { nodeModel, readCatalogue } from '../../../src/model/node';

describe('src/data/examples', () => {
  it('matches a fresh run of the shipped model (rerun `npm run examples` after retraining)', async () => {
    const fresh = await buildExamples(nodeModel());
    const def = readCatalogue().models.find((m) => m.id === readCatalogue().default)!;
    for (const [name, data] of Object.entries(fresh)) {
      const onDisk = JSON.parse(readFileSync(`src/data/examples/${name}.json`, 'utf8'));
      expect(onDisk.model.version, name).toBe(def.version);
      expect(onDisk).toEqual(JSON.parse(JSON.stringify(data)));
    }
  });
});
