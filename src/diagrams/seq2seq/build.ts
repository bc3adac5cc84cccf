/**
 * The seq2seq view before any script runs: the build-time example (one greedy decode of the
 * default date by the shipped glassbox-seq2seq, src/examples/architectures-seq2seq.ts) at the
 * state's layer, head, view and step, drawn with the same render() the page runs. A state whose
 * text differs still shows the example, labelled as such, until the live model answers.
 */
import example from '../../data/examples/seq2seq.json';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exportOf, matrixOf, type Seq2SeqBody, type Seq2SeqRun } from './data';
import type entry from './entry';
import { render } from './render';

export type Seq2SeqState = StateOf<typeof entry.state>;
export type Seq2SeqExport = Seq2SeqBody & { state: Seq2SeqState };

export const EXAMPLE = example as Seq2SeqRun;

export function buildView(state: Seq2SeqState): BuiltView<Seq2SeqExport> {
  const data = { ...exportOf(EXAMPLE, state, 'example'), state };
  return { data, draw: (host) => void render(host, matrixOf(EXAMPLE, state), { reducedMotion: true }) };
}
