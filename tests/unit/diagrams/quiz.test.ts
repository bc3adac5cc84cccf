// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { buildView, EXAMPLE_LIVE } from '../../../src/diagrams/quiz/build';
import entry from '../../../src/diagrams/quiz/entry';
import { LIVE, nearCounts, shuffled } from '../../../src/diagrams/quiz/live';
import { aboutParams, STATIC_CHAPTER, TUTORIAL } from '../../../src/diagrams/quiz/questions';
import {
  ALL_IDS,
  answer,
  chosenFor,
  exportQuestions,
  forget,
  loadProgress,
  parseSet,
  questionsFor,
  saveProgress,
  scoreOf,
  STORAGE_KEY,
} from '../../../src/diagrams/quiz/quiz';
import { render } from '../../../src/diagrams/quiz/render';
import { asksModel, FIXED_CHAPTER_IDS, TUTORIAL_IDS } from '../../../src/diagrams/quiz/set';
import { LAWS } from '../../../src/math/scaling-laws';
import { normalizeState } from '../../../src/diagrams/kit/state';
import { mount } from './dom';

afterEach(() => document.body.replaceChildren());

/** A Storage stand-in: a Map behind getItem/setItem. */
function memoryStore(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

const all = () => questionsFor(ALL_IDS, EXAMPLE_LIVE);

describe('quiz questions', () => {
  it('has the tutorial’s five and one question per chapter, each id defined exactly once', () => {
    expect(TUTORIAL.map((q) => q.id)).toEqual([...TUTORIAL_IDS]);
    const chapterIds = [...LIVE.map((s) => s.id), ...Object.keys(STATIC_CHAPTER)];
    expect(new Set(chapterIds).size).toBe(chapterIds.length);
    expect([...TUTORIAL_IDS, ...chapterIds].sort()).toEqual([...ALL_IDS].sort());
    expect(Object.keys(STATIC_CHAPTER).sort()).toEqual([...FIXED_CHAPTER_IDS].sort());
    for (const s of LIVE) expect(asksModel(s.id), s.id).toBe(true);
    for (const s of LIVE) expect(s.id).toBe(`chapter-${s.chapter.replace(/\//g, '')}`);
  });

  it('every question has distinct options, one correct key among them, an explanation and a site link', () => {
    const qs = all();
    expect(qs.map((q) => q.id)).toEqual(ALL_IDS);
    for (const q of qs) {
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(new Set(q.options.map((o) => o.key)).size, q.id).toBe(q.options.length);
      expect(new Set(q.options.map((o) => o.text)).size, q.id).toBe(q.options.length);
      expect(q.options.filter((o) => o.key === q.correct), q.id).toHaveLength(1);
      expect(q.explain.length, q.id).toBeGreaterThan(40);
      expect(q.link.href, q.id).toMatch(/^\/[a-z-]*\/?/);
    }
  });

  it('the tutorial’s right answers are not always in the same place', () => {
    const places = new Set(TUTORIAL.map((q) => q.options.findIndex((o) => o.key === q.correct)));
    expect(places.size).toBeGreaterThan(2);
  });

  it('the scaling question’s answer is the Chinchilla law’s optimum, recomputed', () => {
    const q = STATIC_CHAPTER['chapter-scaling-laws'];
    const right = q.options.find((o) => o.key === q.correct)!;
    expect(right.text).toBe(aboutParams(LAWS.chinchilla.optimal(5.88e23).N));
    expect(q.source).toBe('formula');
  });

  it('shuffles options by question id, not by which one is right', () => {
    const opts = ['a', 'b', 'c', 'd'].map((key) => ({ key, text: key }));
    expect(shuffled('x', opts)).toEqual(shuffled('x', [...opts].reverse()));
    const orders = new Set(['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => shuffled(id, opts).map((o) => o.key).join('')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('offers counts near the true one, at least 1, distinct and ascending', () => {
    expect(nearCounts(1)).toEqual([1, 2, 3, 4]);
    expect(nearCounts(6)).toEqual([5, 6, 7, 8]);
    expect(nearCounts(100, [25, 400, 8192])).toEqual([25, 100, 400, 8192]);
    expect(nearCounts(1, [1, 4])).toEqual([1, 2, 3, 4]);
  });
});

describe('quiz set and progress', () => {
  it('parses a set in its order, dropping unknown and repeated ids with notes', () => {
    expect(parseSet('')).toEqual({ ids: [...ALL_IDS], notes: [] });
    const p = parseSet('chapter-attention, tutorial-next-token,nope,chapter-attention');
    expect(p.ids).toEqual(['chapter-attention', 'tutorial-next-token']);
    expect(p.notes).toHaveLength(1);
    expect(p.notes[0]).toContain('nope');
    expect(parseSet('<script>,x').ids).toEqual([...ALL_IDS]);
    expect(parseSet('<script>,x').notes).toHaveLength(3);
  });

  it('every fixture parses without notes and names known questions', () => {
    for (const [name, f] of Object.entries(entry.fixtures)) {
      const { state, notes } = normalizeState(f, entry.state);
      expect(notes, name).toEqual([]);
      expect(parseSet(state.set).notes, name).toEqual([]);
    }
  });

  it('saves and loads progress under one key; junk reads as none', () => {
    const store = memoryStore();
    let p = answer({}, 'chapter-attention', 'L3H5');
    p = answer(p, 'tutorial-next-token', 'b');
    saveProgress(store, p);
    expect([...store.m.keys()]).toEqual([STORAGE_KEY]);
    expect(loadProgress(store)).toEqual(p);
    expect(loadProgress(memoryStore({ [STORAGE_KEY]: '{bad json' }))).toEqual({});
    expect(loadProgress(memoryStore({ [STORAGE_KEY]: '[1,2]' }))).toEqual({});
    expect(loadProgress(memoryStore({ [STORAGE_KEY]: '{"unknown-id":"a","tutorial-attention":7}' }))).toEqual({});
    expect(loadProgress(null)).toEqual({});
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => saveProgress(full, p)).not.toThrow();
    expect(forget(p, ['chapter-attention'])).toEqual({ 'tutorial-next-token': 'b' });
  });

  it('grades against the current options: a stored key no longer offered counts as unanswered', () => {
    const qs = all();
    const tq = qs.find((q) => q.id === 'tutorial-attention')!;
    const wrong = tq.options.find((o) => o.key !== tq.correct)!.key;
    const p = { 'tutorial-attention': tq.correct, 'tutorial-next-token': wrong === 'a' ? 'c' : 'a', 'chapter-next-token': 'gone' };
    expect(chosenFor(qs.find((q) => q.id === 'chapter-next-token')!, p)).toBeNull();
    const s = scoreOf(qs, p);
    expect(s.total).toBe(ALL_IDS.length);
    expect(s.answered).toBe(2);
    expect(s.correct).toBe(1 + (p['tutorial-next-token'] === 'b' ? 1 : 0));
    const ex = exportQuestions(qs, p).find((q) => q.id === 'tutorial-attention')!;
    expect(ex).toMatchObject({ chosen: tq.correct, is_correct: true, correct: tq.correct });
  });

  it('labels a model question live only once the live model has answered it', () => {
    const qs = questionsFor(['chapter-next-token', 'chapter-attention', 'tutorial-attention'], EXAMPLE_LIVE, new Set(['chapter-attention']));
    expect(qs.map((q) => q.source)).toEqual(['example', 'model', 'fact']);
    expect(questionsFor(['chapter-next-token'], {})).toEqual([]);
  });

  it('the build-time view exports the set’s questions, example-sourced where the model answers', () => {
    const v = buildView({ set: 'chapter-next-token,tutorial-attention' });
    expect(v.data.questions.map((q) => [q.id, q.source])).toEqual([
      ['chapter-next-token', 'example'],
      ['tutorial-attention', 'fact'],
    ]);
    expect(v.data.source).toBe('example');
    expect(buildView({ set: 'chapter-architectures' }).data.source).toBe('fixed');
    expect(v.data.score).toEqual({ total: 2, answered: 0, correct: 0 });
  });
});

describe('quiz view', () => {
  const view = (ids: string[], progress = {}) => ({ questions: questionsFor(ids, EXAMPLE_LIVE), progress, base: '/sub/' });

  it('draws one form per question: a fieldset with a legend, native radios in one group, a submit button', () => {
    const root = mount();
    render(root, view(['tutorial-attention', 'chapter-attention']));
    const forms = root.querySelectorAll('form');
    expect(forms).toHaveLength(2);
    for (const f of forms) {
      expect(f.querySelector('fieldset > legend')?.textContent).toMatch(/\S/);
      const radios = [...f.querySelectorAll<HTMLInputElement>('input[type=radio]')];
      expect(radios.length).toBeGreaterThanOrEqual(3);
      expect(new Set(radios.map((r) => r.name)).size).toBe(1);
      for (const r of radios) expect(r.closest('label')?.textContent).toMatch(/\S/);
      expect(f.querySelector('button[type=submit]')?.textContent).toBe('Check answer');
      expect(f.querySelector<HTMLElement>('.gb-quiz-feedback')?.getAttribute('aria-live')).toBe('polite');
      expect(f.querySelector<HTMLElement>('.gb-quiz-feedback')?.hidden).toBe(true);
    }
    expect(root.querySelector('.gb-quiz-summary')?.textContent).toBe('2 questions; 0 answered, 0 right.');
  });

  it('checking reports the choice; the caller’s progress reveals the verdict, explanation and link', () => {
    const root = mount();
    const checks: [string, string][] = [];
    const chart = render(root, view(['tutorial-attention']), { onCheck: (id, key) => checks.push([id, key]) });
    const form = root.querySelector('form')!;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(checks).toEqual([]);
    expect(form.querySelector('.gb-quiz-verdict')?.textContent).toBe('Pick one of the answers first.');
    const radio = form.querySelector<HTMLInputElement>('input[value=c]')!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(checks).toEqual([['tutorial-attention', 'c']]);

    chart.update(view(['tutorial-attention'], { 'tutorial-attention': 'c' }));
    const fb = form.querySelector<HTMLElement>('.gb-quiz-feedback')!;
    expect(fb.hidden).toBe(false);
    expect(fb.classList.contains('is-wrong')).toBe(true);
    expect(fb.querySelector('.gb-quiz-verdict')?.textContent).toMatch(/^Not quite\. You chose .*; the answer is Gather information/);
    expect(fb.querySelector('a')?.getAttribute('href')).toBe('/sub/attention/');
    expect(form.querySelector('fieldset')?.disabled).toBe(true);
    expect(form.querySelector<HTMLElement>('.gb-quiz-check')?.hidden).toBe(true);
    expect(document.activeElement).toBe(fb);
    expect(root.querySelector('.gb-quiz-summary')?.textContent).toBe('Answered: not quite.');
  });

  it('Try again and Start over hand the change to the caller', () => {
    const root = mount();
    const calls: string[] = [];
    render(root, view(['tutorial-attention', 'tutorial-next-token'], { 'tutorial-attention': 'a' }), {
      onRetry: (id) => calls.push(`retry ${id}`),
      onReset: () => calls.push('reset'),
    });
    expect(root.querySelector('.gb-quiz-verdict')?.textContent).toMatch(/^Right\. The answer is /);
    root.querySelector<HTMLButtonElement>('.gb-quiz-retry')!.click();
    root.querySelector<HTMLButtonElement>('.gb-quiz-reset')!.click();
    expect(calls).toEqual(['retry tutorial-attention', 'reset']);
    const cells = [...root.querySelectorAll('.gb-quiz-table tbody tr')].map((tr) => tr.lastElementChild?.textContent);
    expect(cells).toEqual(['right', 'not yet']);
    expect([...root.querySelectorAll('.gb-quiz-cell')].map((c) => c.getAttribute('data-status'))).toEqual(['right', 'open']);
  });

  it('keeps question text as text, never markup', () => {
    const root = mount();
    const q = { ...TUTORIAL[0], prompt: '<img src=x onerror=alert(1)>', options: [{ key: 'a', text: '</label><script>' }, ...TUTORIAL[0].options.slice(1)] };
    render(root, { questions: [q], progress: {}, base: '/' });
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('legend')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
