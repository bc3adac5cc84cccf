/**
 * Data source for the next-token chapter's views: one forward pass over the text (logits only,
 * memoised page-wide by the model client, so the window, the surprise text and the game share a
 * pass for the same text) scored position by position, with the top guesses decoded through the
 * model's vocabulary. Only the newest request's answer is delivered (older ones resolve to
 * undefined), so a slow answer never overwrites a newer one.
 */
import { vocabulary } from '../../../model/assets';
import type { LiveModel } from '../live';
import { buildWindow, type WindowData } from '../window/data';

export interface WindowAnswer {
  window: WindowData;
  /** The model's context in tokens: a longer text was cut to it. */
  context: number;
}

/** Asks the model the live part loaded: the version a link pins while it is served, else the current one. */
export function windowSource(live: LiveModel): (text: string) => Promise<WindowAnswer | undefined> {
  return live.latest(async (model, text: string): Promise<WindowAnswer> => {
    const trace = await model.trace(text, { outputs: ['logits'] });
    const vocab = await vocabulary(trace.model.id, trace.model.vocabSize);
    return { window: buildWindow(trace, (id) => vocab[id] ?? ''), context: trace.model.nPositions };
  });
}
