/**
 * The quiz's rules, pure: which questions a `set` names, the reader's progress (kept in
 * localStorage only, under one key, never sent anywhere), grading and the score. The element
 * passes the storage in, so tests use a stand-in.
 */
import { STATIC_CHAPTER, TUTORIAL, type Question, type QuestionSource, type Resolved } from './questions';
import { LIVE } from './live';
import { ALL_IDS } from './set';

export { ALL_IDS, CHAPTERS, parseSet } from './set';

export const LIVE_IDS: ReadonlySet<string> = new Set(LIVE.map((s) => s.id));

/**
 * The questions to show: fixed ones as they are, model ones from `live` (the build-time example,
 * or the live run for the ids in `fromModel`); a model question with no answer yet is left out.
 */
export function questionsFor(ids: readonly string[], live: Readonly<Record<string, Resolved>>, fromModel: ReadonlySet<string> = new Set()): Question[] {
  const fixed = new Map<string, Question>([...TUTORIAL.map((q) => [q.id, q] as const), ...Object.entries(STATIC_CHAPTER)]);
  return ids.flatMap((id) => {
    const f = fixed.get(id);
    if (f) return [f];
    const r = live[id];
    const source: QuestionSource = fromModel.has(id) ? 'model' : 'example';
    return r ? [{ ...r, source }] : [];
  });
}

/** The reader's checked answers: question id → the key of the option they chose. */
export type Progress = Readonly<Record<string, string>>;

/** The localStorage key; versioned so a future shape never misreads this one. */
export const STORAGE_KEY = 'glassbox:quiz:v1';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved progress; anything unreadable (no storage, bad JSON, wrong shape) reads as none. */
export function loadProgress(store: Store | null): Progress {
  try {
    const raw = store?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => ALL_IDS.includes(k) && typeof v === 'string' && v.length <= 40));
  } catch {
    return {};
  }
}

/** Save; a full or blocked storage (private mode) only loses persistence, never the quiz. */
export function saveProgress(store: Store | null, p: Progress): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    /* storage refused: the answers stay for this page only */
  }
}

export function answer(p: Progress, id: string, key: string): Progress {
  return { ...p, [id]: key };
}

/** Forget the answers to `ids`, keeping those of questions not shown. */
export function forget(p: Progress, ids: readonly string[]): Progress {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !ids.includes(k)));
}

/** The reader's checked choice for `q`, if it is still one of its options (a new model may change them). */
export function chosenFor(q: Question, p: Progress): string | null {
  const key = p[q.id];
  return key !== undefined && q.options.some((o) => o.key === key) ? key : null;
}

export interface Score {
  total: number;
  answered: number;
  correct: number;
}

export function scoreOf(questions: readonly Question[], p: Progress): Score {
  let answered = 0;
  let correct = 0;
  for (const q of questions) {
    const c = chosenFor(q, p);
    if (c === null) continue;
    answered++;
    if (c === q.correct) correct++;
  }
  return { total: questions.length, answered, correct };
}

/** One question as the export gives it: all that was shown, the reader's checked choice and whether it was right. */
export type ExportedQuestion = Question & { chosen: string | null; is_correct: boolean | null };

export function exportQuestions(questions: readonly Question[], p: Progress): ExportedQuestion[] {
  return questions.map((q) => {
    const chosen = chosenFor(q, p);
    return { ...q, options: q.options.map(({ key, text }) => ({ key, text })), chosen, is_correct: chosen === null ? null : chosen === q.correct };
  });
}
