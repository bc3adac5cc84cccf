/**
 * Data source: the model's k most likely next tokens after a text. Only the newest request's
 * answer is delivered (older ones resolve to undefined), so a slow answer never overwrites a
 * newer one.
 */
import type { NextTokens } from '../../../model/api';
import type { Client } from '../live';

export function nextTokensSource(client: Client, k: number): (text: string) => Promise<NextTokens | undefined> {
  const model = client.getModel();
  return client.latest((text: string) => model.nextTokens(text, k));
}
