/**
 * The example data each diagram shows before the live model answers, computed by the shipped
 * model through the same adapter as the site (scripts/make-examples.mjs writes it to
 * src/data/examples/; tests/unit/model/examples.test.ts checks it is current).
 */
import type { ModelApi } from '../model/api';
import { EXAMPLE_TEXTS } from '../model/examples';
import { buildStory } from '../stories/attention-story/data';
import { pronounExample } from '../stories/attention-story/pronoun-example';
import { runOf } from '../diagrams/contextual-path/data';
import { windowExamples } from './next-token';
import { trainingExamples } from './training';
import { decodingExamples } from './decoding';
import { abilitiesExamples } from './abilities';
import { quizExamples } from './quiz';
import { overviewExamples } from './overview';
import { masksExamples } from './architectures-masks';
import { round6 } from './round';


export async function buildExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const nt = await model.nextTokens(EXAMPLE_TEXTS.nextToken, 10);
  const at = await model.trace(EXAMPLE_TEXTS.attention);
  return {
    'next-token': {
      model: { id: info.id, version: info.version },
      text: nt.text,
      truncated: nt.truncated,
      tokens: nt.tokens.map((t) => ({ id: t.id, text: t.text })),
      top: nt.top.map((t) => ({ id: t.id, text: t.text, p: Number(t.p.toFixed(6)) })),
    },
    attention: {
      model: { id: info.id, version: info.version },
      text: at.text,
      truncated: at.truncated,
      tokens: at.tokens.map((t) => ({ id: t.id, text: t.text })),
      // [layer][head][query][key], rows sum to 1, keys after the query exactly 0
      attentions: (at.attentions.toArray() as number[][][][]).map((l) => l.map((h) => h.map((q) => q.map(round6)))),
    },
    // The attention chapter's walk-through numbers (pure, from the same trace); the masked
    // scores (-Infinity) become null in JSON and are never shown as numbers.
    'contextual-path': {
      model: { id: info.id, version: info.version },
      word: EXAMPLE_TEXTS.contextWord,
      a: runOf(await model.trace(EXAMPLE_TEXTS.contextA), EXAMPLE_TEXTS.contextWord, true),
      b: runOf(await model.trace(EXAMPLE_TEXTS.contextB), EXAMPLE_TEXTS.contextWord, true),
    },
    ...(await windowExamples(model)),
    ...(await trainingExamples(model)),
    'attention-pronouns': await pronounExample(model, round6),
    ...(await decodingExamples(model)),
    ...(await abilitiesExamples(model)),
    ...(await quizExamples(model)),
    ...(await overviewExamples(model)),
    ...(await masksExamples(model)),
    'attention-story': JSON.parse(JSON.stringify(buildStory(at), (_k, v) => (typeof v === 'number' ? round6(v) : v))),
  };
}
