/**
 * The example data each diagram shows before the live model answers, computed by the
 * shipped model (scripts/make-examples.mjs writes it; a test checks it is current).
 */
import type { ModelApi } from './api';

/** Default texts; the diagram registry uses the same ones as its defaults. */
export const EXAMPLE_TEXTS = {
  nextToken: 'The cat sat on the',
} as const;

export async function buildExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const nt = await model.nextTokens(EXAMPLE_TEXTS.nextToken, 10);
  return {
    'next-token': {
      model: { id: info.id, version: info.version },
      text: nt.text,
      truncated: nt.truncated,
      tokens: nt.tokens.map((t) => ({ id: t.id, text: t.text })),
      top: nt.top.map((t) => ({ id: t.id, text: t.text, p: Number(t.p.toFixed(6)) })),
    },
  };
}
