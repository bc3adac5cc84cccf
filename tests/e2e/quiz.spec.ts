import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const STORAGE_KEY = 'glassbox:quiz:v1';

interface QuizExport {
  state: { set: string };
  source: 'example' | 'model' | 'fixed';
  model: { id: string; version: string };
  questions: { id: string; source: string; options: { key: string; text: string }[]; correct: string; chosen: string | null; is_correct: boolean | null }[];
  score: { total: number; answered: number; correct: number };
}

const quiz = (page: Page) => page.locator('[data-diagram="quiz"]').first();
const exportOf = async (d: Locator) => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as QuizExport;

/** Press Tab until a radio of question `id` has the focus (keyboard only, as a reader would). */
async function tabToQuestion(page: Page, id: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return a?.type === 'radio' ? a.closest('[data-question]')?.getAttribute('data-question') : null;
    });
    if (here === id) return;
  }
  throw new Error(`Tab never reached question ${id}`);
}

/** The key of the focused radio. */
const focusedKey = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement).value);

test.describe('quiz', () => {
  test('answers with the keyboard only: Tab to the options, arrows, Space, Enter; the feedback takes the focus', async ({ page }) => {
    await page.goto('/embed/quiz/?set=tutorial-attention,tutorial-hallucination');
    const d = quiz(page);
    await expect(d.locator('[data-question]')).toHaveCount(2);
    await expect(d.locator('[data-question] fieldset legend').first()).toContainText('1. ');
    await expect(d.locator('[data-question] fieldset legend').first()).toContainText('self-attention');
    await expect.poll(async () => (await exportOf(d)).questions.length).toBe(2);
    const { questions } = await exportOf(d);
    const q1 = questions[0];

    await tabToQuestion(page, 'tutorial-attention');
    // Arrow keys move through the radio group and select as they go; stop on the right answer.
    for (let i = 0; i < q1.options.length && (await focusedKey(page)) !== q1.correct; i++) await page.keyboard.press('ArrowDown');
    expect(await focusedKey(page)).toBe(q1.correct);
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    const fb = d.locator('[data-question="tutorial-attention"] .gb-quiz-feedback');
    await expect(fb).toBeVisible();
    await expect(fb).toBeFocused();
    await expect(fb.locator('.gb-quiz-verdict')).toHaveText(/^Right\. The answer is /);
    await expect(fb.getByRole('link')).toHaveAttribute('href', '/attention/');

    // The second question, answered wrongly, says so and names the right answer.
    const q2 = questions[1];
    await tabToQuestion(page, 'tutorial-hallucination');
    // Tab lands on the group without picking: Enter alone asks for a pick first.
    await page.keyboard.press('Enter');
    await expect(d.locator('[data-question="tutorial-hallucination"] .gb-quiz-verdict')).toHaveText('Pick one of the answers first.');
    if ((await focusedKey(page)) === q2.correct) await page.keyboard.press('ArrowDown');
    else await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(d.locator('[data-question="tutorial-hallucination"] .gb-quiz-verdict')).toHaveText(/^Not quite\./);
    const ex = await exportOf(d);
    expect(ex.score).toEqual({ total: 2, answered: 2, correct: 1 });
    expect(ex.questions.map((q) => q.is_correct)).toEqual([true, false]);
    await expect(d.locator('.gb-quiz-summary')).toHaveText('2 questions; 2 answered, 1 right.');
  });

  test('keeps progress in localStorage across a reload, with no request but same-origin ones', async ({ page, baseURL }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('/embed/quiz/?set=tutorial-next-token,chapter-architectures');
    const d = quiz(page);
    await expect(d).toHaveAttribute('data-source', 'formula');
    await expect.poll(async () => (await exportOf(d)).questions.map((q) => q.id)).toEqual(['tutorial-next-token', 'chapter-architectures']);
    const { questions } = await exportOf(d);
    const before = requests.length;
    const form = d.locator('[data-question="chapter-architectures"] form');
    await form.locator(`input[value="${questions[1].correct}"]`).check();
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect(form.locator('.gb-quiz-verdict')).toHaveText(/^Right\. The answer is /);
    // Answering asks nothing of the network.
    expect(requests.slice(before)).toEqual([]);
    const stored = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
    expect(JSON.parse(stored ?? '{}')).toEqual({ 'chapter-architectures': questions[1].correct });

    await page.reload();
    const again = quiz(page).locator('[data-question="chapter-architectures"]');
    await expect(again.locator('.gb-quiz-verdict')).toHaveText(/^Right\. The answer is /);
    await expect(again.locator(`input[value="${questions[1].correct}"]`)).toBeChecked();
    await expect(quiz(page).locator('[data-question="tutorial-next-token"] .gb-quiz-feedback')).toBeHidden();
    expect((await exportOf(quiz(page))).questions[1]).toMatchObject({ chosen: questions[1].correct, is_correct: true });

    // Try again forgets the answer, in storage too.
    await again.getByRole('button', { name: 'Try again' }).click();
    await expect(again.getByRole('button', { name: 'Check answer' })).toBeVisible();
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY)) ?? '{}')).toEqual({});

    const own = new URL(baseURL!).origin;
    expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== own)).toEqual([]);
    // A set without model questions never loads the model.
    expect(requests.filter((u) => u.includes('/models/'))).toEqual([]);
  });

  test('the set round-trips through the URL, in its order; unknown ids are noted', async ({ page }) => {
    await page.goto('/abilities/?set=chapter-attention,tutorial-hallucination,nonsense');
    const d = quiz(page);
    await d.scrollIntoViewIfNeeded();
    await expect(d.locator('[data-question]')).toHaveCount(2);
    await expect.poll(async () => (await exportOf(d)).questions.map((q) => q.id)).toEqual(['chapter-attention', 'tutorial-hallucination']);
    expect((await exportOf(d)).state).toEqual({ set: 'chapter-attention,tutorial-hallucination,nonsense' });
    await expect(d.locator('[data-role="notes"]')).toContainText('“nonsense” is not a question of this quiz');
    await expect(d).toHaveAttribute('data-link', /set=chapter-attention%2Ctutorial-hallucination%2Cnonsense/);

    await page.evaluate(() => {
      (document.querySelector('[data-diagram="quiz"]') as HTMLElement & { value: { set: string } }).value = { set: 'tutorial-next-token' };
    });
    await expect(page).toHaveURL(/[?&]set=tutorial-next-token(&|$)/);
    await expect(d.locator('[data-question]')).toHaveCount(1);
    await page.goto(page.url());
    await quiz(page).scrollIntoViewIfNeeded();
    await expect(quiz(page).locator('[data-question]')).toHaveCount(1);
    await expect(quiz(page).locator('[data-question="tutorial-next-token"]')).toBeVisible();
  });

  test('the live question’s answer is the live model’s top-1', async ({ page }) => {
    await page.goto('/embed/quiz/?set=chapter-next-token');
    const d = quiz(page);
    await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    const q = (await exportOf(d)).questions[0];
    expect(q.source).toBe('model');
    await expect(d.locator('.gb-status-source')).toContainText('Live:');

    // The next-token diagram, on the same prompt, is the model's own top guesses.
    const prompt = /After “(.*)”, which token/.exec(await d.locator('legend').textContent() ?? '')![1];
    await page.goto(`/embed/next-token/?text=${encodeURIComponent(prompt)}`);
    const nt = page.locator('[data-diagram="next-token"]');
    await expect(nt).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    const top = JSON.parse((await nt.locator('[data-export="json"]').textContent()) ?? '{}') as { top: { id: number }[] };
    expect(q.correct).toBe(`t${top.top[0].id}`);
    expect(q.options.map((o) => o.key).sort()).toEqual(top.top.slice(0, 4).map((t) => `t${t.id}`).sort());
  });

  for (const route of ['/embed/quiz/', '/abilities/']) {
    test(`axe finds no violations in the quiz on ${route}, before and after an answer`, async ({ page }) => {
      await page.goto(route);
      const d = quiz(page);
      await d.scrollIntoViewIfNeeded();
      await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
      const scan = async () => {
        await page.locator('[data-diagram="quiz"] details').evaluateAll((ds) => ds.forEach((x) => ((x as HTMLDetailsElement).open = true)));
        const r = await new AxeBuilder({ page }).include('[data-diagram="quiz"]').analyze();
        expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
      };
      await scan();
      const first = d.locator('form').first();
      await first.locator('input[type=radio]').first().check();
      await first.getByRole('button', { name: 'Check answer' }).click();
      await expect(first.locator('.gb-quiz-feedback')).toBeVisible();
      await scan();
    });
  }
});
