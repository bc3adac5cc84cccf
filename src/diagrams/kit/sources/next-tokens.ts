/**
 * Data source: the model's k most likely next tokens after a text, from the model the live part
 * loaded (the link's pinned version or the current one). Only the newest request's answer is
 * delivered, so a slow answer never overwrites a newer one.
 */
import type { NextTokens } from '../../../model/api';
import type { LiveModel } from '../live';

export function nextTokensSource(live: LiveModel, k: number): (text: string) => Promise<NextTokens | undefined> {
  return live.latest((model, text: string) => model.nextTokens(text, k));
}
