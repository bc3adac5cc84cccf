/** The layers chapter's example data is the current model's output, not stale or hand-written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLayerExamples } from '../../../src/examples/layers';
import { MODELS_DIR, nodeModel, readCatalogue } from '../../../src/model/node';

describe('src/data/examples (layers chapter)', () => {
  it('matches a fresh run of the shipped model (rerun `npm run examples` after retraining)', async () => {
    const fresh = await buildLayerExamples(nodeModel(), MODELS_DIR);
    const def = readCatalogue().models.find((m) => m.id === readCatalogue().default)!;
    expect(Object.keys(fresh).sort()).toEqual(['layer-stack', 'layers-story', 'logit-lens', 'mlp-neurons', 'mlp-neurons-sample']);
    for (const [name, data] of Object.entries(fresh)) {
      const onDisk = JSON.parse(readFileSync(`src/data/examples/${name}.json`, 'utf8'));
      expect(onDisk.model.version, name).toBe(def.version);
      expect(onDisk, name).toEqual(JSON.parse(JSON.stringify(data)));
    }
  });
});
