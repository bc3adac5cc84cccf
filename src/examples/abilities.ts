/**
 * The abilities chapter's example data, through the same source modules as the page: the
 * in-context view for each of its fixtures (the repeated sequence's losses, the strongest
 * induction head's attention) and the few-shot prompt; the confidence view's default prompts;
 * and the prompts the chapter's prose quotes on arithmetic and prompt sensitivity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelApi } from '../model/api';
import { headScoresFrom } from '../model/assets';
import { MODELS_DIR } from '../model/node';
import { vocabTexts } from '../model/weights';
import { normalizeState } from '../diagrams/kit/state';
import inContextEntry from '../diagrams/in-context/entry';
import { strongestHead } from '../diagrams/in-context/data';
import { runFewShot, runInContext } from '../diagrams/in-context/source';
import { DEFAULT_PROMPTS, type FactPrompt } from '../diagrams/confidence/data';
import { runPrompt } from '../diagrams/confidence/source';

/** Six significant figures: short, diffable JSON, far below what the views show. */
const rounded = <T>(x: T): T =>
  JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v)));

/** Prompts the prose quotes: sums, and one fact asked in two wordings. Written for this project. */
export const LIMIT_PROMPTS = {
  arithmetic: [
    { prompt: '2 + 2 =', answer: ' 4' },
    { prompt: 'Two plus two is', answer: ' four' },
  ],
  wording: [
    { prompt: 'Sherlock', answer: ' Holmes' },
    { prompt: 'The detective Sherlock', answer: ' Holmes' },
  ],
} as const satisfies Record<string, readonly FactPrompt[]>;

export async function abilitiesExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const m = { id: info.id, version: info.version };
  const heads = headScoresFrom(JSON.parse(readFileSync(join(MODELS_DIR, info.id, 'heads.json'), 'utf8')), 'heads.json');
  const head = strongestHead(heads.scores.induction);
  const views = [];
  const seen = new Set<string>();
  for (const f of Object.values(inContextEntry.fixtures)) {
    const s = normalizeState(f as never, inContextEntry.state).state;
    const key = `${s.repeat}:${s.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { model: _m, ...view } = await runInContext(model, s.text, s.repeat, head);
    views.push(view);
  }
  const vocab = vocabTexts(JSON.parse(readFileSync(join(MODELS_DIR, info.id, 'tokenizer.json'), 'utf8')), info.vocabSize);
  const decode = (id: number) => vocab[id];
  const run = async (ps: readonly FactPrompt[]) => Promise.all(ps.map((p) => runPrompt(model, p, decode)));
  return {
    'in-context': rounded({ model: m, few_shot: await runFewShot(model), views }),
    confidence: rounded({
      model: m,
      prompts: await run(DEFAULT_PROMPTS),
      limits: { arithmetic: await run(LIMIT_PROMPTS.arithmetic), wording: await run(LIMIT_PROMPTS.wording) },
    }),
  };
}
