/**
 * The decoding chapter (issue 17) in a real browser with the real model: the sampler's export is a
 * distribution over the kept tokens with its draw; a generate link with a seed gives the same text
 * on two loads and another seed another text; the greedy preset matches the prose; bad link values
 * are clamped with visible notes; sliders are native ranges; the page fits 360 px and passes axe.
 * (p_final against an independent onnxruntime run is tests/unit/model/decoding.model.test.ts.)
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const view = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`);
const data = async (d: Locator) => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as Json;
async function live(d: Locator) {
  await d.scrollIntoViewIfNeeded();
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
}
const generated = async (d: Locator) => ((await data(d)).steps as Json[]).map((s) => s.chosen.text).join('');

test('the sampler exports the renormalised distribution, its cuts and the seeded draw', async ({ page }) => {
  await page.goto('/embed/sampler/?text=The%20man%20was&order=temperature,top_k,top_p&top_k=20&seed=3');
  const d = view(page, 'sampler');
  await live(d);
  const x = await data(d);
  expect(x.model.id).toBeTruthy();
  expect(x.candidates.length).toBeGreaterThanOrEqual(50);
  const total = x.candidates.reduce((a: number, c: Json) => a + c.p_final, 0) + x.tail.p_final;
  expect(total).toBeCloseTo(1, 6);
  expect(x.stages.map((s: Json) => s.sampler)).toEqual(['temperature', 'top_k', 'top_p']);
  expect(x.stages[1].kept).toBe(20);
  expect(x.u).toBeGreaterThanOrEqual(0);
  expect(x.candidates.some((c: Json) => c.id === x.chosen.id && c.p_final > 0)).toBe(true);
  await expect(d.locator('input[type="range"]')).toHaveCount(7);
});

test('a generate link with a seed gives the same text on two loads; another seed another text', async ({ page }) => {
  const url = '/embed/generate/?order=temperature,top_p&temperature=1&top_p=0.95&seed=11&steps=12';
  await page.goto(url);
  const d = view(page, 'generate');
  await live(d);
  await expect.poll(async () => (await data(d)).steps.length, { timeout: MODEL_TIMEOUT }).toBe(12);
  const first = await generated(d);
  await page.goto(url);
  await live(d);
  await expect.poll(async () => (await data(d)).steps.length, { timeout: MODEL_TIMEOUT }).toBe(12);
  expect(await generated(d)).toBe(first);
  await page.goto(url.replace('seed=11', 'seed=12'));
  await live(d);
  await expect.poll(async () => (await data(d)).steps.length, { timeout: MODEL_TIMEOUT }).toBe(12);
  expect(await generated(d)).not.toBe(first);
});

test('the chapter: greedy repeats itself as the prose says, Next token adds one, a fork changes the text', async ({ page }) => {
  await page.goto('/decoding/');
  const g = view(page, 'generate');
  await g.getByRole('button', { name: 'Greedy', exact: true }).click();
  await live(g);
  await expect(g.locator('[data-role="notes"]')).toContainText('Temperature 0 means greedy');
  const quote = (await page.locator('[data-quote="greedy"]').textContent())!.replace(/[“”]/g, '');
  await expect.poll(async () => (await generated(g)).trim(), { timeout: MODEL_TIMEOUT }).toBe(quote);
  await g.getByRole('button', { name: 'Next token' }).click();
  await expect.poll(async () => (await data(g)).steps.length, { timeout: MODEL_TIMEOUT }).toBe(21);
  const before = await generated(g);
  await g.locator('[data-token="3"]').click();
  const alt = g.locator('[data-alt]:not([aria-current])').first();
  await alt.click();
  await expect.poll(async () => (await data(g)).state.forks, { timeout: MODEL_TIMEOUT }).toMatch(/^2:\d+$/);
  await expect.poll(() => generated(g), { timeout: MODEL_TIMEOUT }).not.toBe(before);
  expect(new URL(page.url()).searchParams.get('forks')).toMatch(/^2:\d+$/);
});

test('bad link values are clamped or explained in a visible note', async ({ page }) => {
  await page.goto('/embed/sampler/?temperature=-1&top_p=1.5&top_k=0&seed=1.5&order=top_k,bogus');
  const notes = view(page, 'sampler').locator('[data-role="notes"]');
  await expect(notes).toContainText('below the minimum');
  await expect(notes).toContainText('above the maximum');
  await expect(notes).toContainText('not a whole number');
  await expect(notes).toContainText('not a sampler');
  const x = await data(view(page, 'sampler'));
  expect(x.state).toMatchObject({ temperature: 0, top_p: 1, top_k: 1, seed: 42, order: 'top_k' });
});

test('the chapter fits a 360 px phone and passes axe; screenshots for review', async ({ page }) => {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/decoding/');
    for (const id of ['generate', 'sampler', 'sample-tree', 'beam-search']) await live(view(page, id));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/work/tools/shots-decoding/decoding-${width}.png`, fullPage: true });
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
});
