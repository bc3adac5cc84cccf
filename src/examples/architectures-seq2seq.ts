/**
 * Node only: the seq2seq diagram's example, one greedy decode of its default date by the shipped
 * glassbox-seq2seq through the same adapter as the site (src/model/companions.ts), with every
 * attention. scripts/make-examples.mjs writes it; tests/unit/diagrams/seq2seq.model.test.ts
 * checks it is current. Never hand-written.
 */
import { companionEntry } from '../model/catalogue';
import { loadCompanion, readCatalogue } from '../model/node';
import { runOf } from '../diagrams/seq2seq/data';
import { SEQ2SEQ_TEXT } from '../diagrams/seq2seq/text';
import { round6 } from './round';


export async function seq2seqExamples(): Promise<Record<string, unknown>> {
  const entry = companionEntry(readCatalogue(), 'seq2seq');
  const s2s = await loadCompanion('seq2seq');
  const tr = await s2s.translate(SEQ2SEQ_TEXT);
  return { seq2seq: runOf(tr, entry, SEQ2SEQ_TEXT, round6) };
}
