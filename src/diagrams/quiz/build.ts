/**
 * The quiz before any script runs: the state's questions, the model ones from the build-time
 * example (src/data/examples/quiz.json, resolved by the shipped model through live.ts), drawn
 * with the same render() the page runs and no answers yet. The wrapper and the gallery call this.
 */
import example from '../../data/examples/quiz.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type entry from './entry';
import type { Resolved } from './questions';
import { exportQuestions, LIVE_IDS, parseSet, questionsFor, scoreOf, type ExportedQuestion, type Score } from './quiz';
import { render } from './render';

export interface QuizExport {
  state: StateOf<typeof entry.state>;
  /** 'model' once every model question shown comes from the live model; 'fixed' when none needs it. */
  source: 'example' | 'model' | 'fixed';
  model: { id: string; version: string };
  questions: ExportedQuestion[];
  score: Score;
}

export const EXAMPLE_LIVE = example.questions as Record<string, Resolved>;
export const EXAMPLE_MODEL = { id: example.model.id, version: example.model.version };

export function siteBaseUrl(): string {
  return (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');
}

export function buildView(state: StateOf<typeof entry.state>): BuiltView<QuizExport> {
  const { ids } = parseSet(state.set);
  const questions = questionsFor(ids, EXAMPLE_LIVE);
  const data: QuizExport = {
    state,
    source: ids.some((id) => LIVE_IDS.has(id)) ? 'example' : 'fixed',
    model: EXAMPLE_MODEL,
    questions: exportQuestions(questions, {}),
    score: scoreOf(questions, {}),
  };
  return { data, draw: (host) => void render(host, { questions, progress: {}, base: siteBaseUrl() }, { reducedMotion: true }) };
}
