#!/usr/bin/env node
// Writes src/data/examples/*.json: the precomputed data each diagram draws before the live
// model is ready (labelled "example" to the reader). It runs the shipped default model through
// the same adapter as the site, so the numbers are real; rerun after every model change
// (npm run examples). tests/unit/model/examples.test.ts fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
try {
  const { buildExamples } = await server.ssrLoadModule('/src/examples/build.ts');
  const { nodeModel } = await server.ssrLoadModule('/src/model/node.ts');
  const { buildLayerExamples } = await server.ssrLoadModule('/src/examples/layers.ts');
  const { MODELS_DIR } = await server.ssrLoadModule('/src/model/node.ts');
  const model = nodeModel();
  const files = { ...(await buildExamples(model)), ...(await buildLayerExamples(model, MODELS_DIR)) };
  const { seq2seqExamples } = await server.ssrLoadModule('/src/examples/architectures-seq2seq.ts');
  Object.assign(files, await seq2seqExamples());
  mkdirSync('src/data/examples', { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    // The neuron sample (thousands of short rows) is written compact; the rest stays diffable.
    const json = name.endsWith('-sample') ? JSON.stringify(data) : JSON.stringify(data, null, 1);
    writeFileSync(`src/data/examples/${name}.json`, json + '\n');
    console.log(`examples: src/data/examples/${name}.json`);
  }
} finally {
  await server.close();
}
