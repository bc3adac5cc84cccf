/**
 * The seq2seq diagram's build-time example is a fresh greedy decode of its default date by the
 * shipped glassbox-seq2seq (rerun `npm run examples` after retraining), and what the diagram
 * exports from it holds real attention rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seq2seqExamples } from '../../../src/examples/architectures-seq2seq';
import { companionEntry } from '../../../src/model/catalogue';
import { readCatalogue } from '../../../src/model/node';

const listed = (readCatalogue().companions ?? []).some((c) => c.role === 'seq2seq');

describe.runIf(listed)('src/data/examples/seq2seq.json', () => {
  it('matches a fresh run of the shipped glassbox-seq2seq', async () => {
    const fresh = await seq2seqExamples();
    const onDisk = JSON.parse(readFileSync('src/data/examples/seq2seq.json', 'utf8'));
    expect(onDisk.model.version).toBe(companionEntry(readCatalogue(), 'seq2seq').version);
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(fresh.seq2seq)));
    // The model writes the date year first, so the output is not a copy of the source's order.
    expect(onDisk.output.length).toBeGreaterThan(0);
    expect(onDisk.steps).toHaveLength(onDisk.output.length + 1);
  });
});
