/**
 * The decoding chapter (issue 17) in a real browser with the real model: the sampler's export is a
 * distribution over the kept tokens with its draw; a generate link with a seed gives the same text
 * on two loads and another seed another text; the greedy preset matches the prose; bad link values
 * are clamped with visible notes; sliders are native ranges; each embed downloads its data and an
 * SVG; arrow keys move between tokens; the page fits 360 px and passes axe.
 * (p_final against an independent onnxruntime run is tests/unit/model/decoding.model.test.ts.)
 */
import { readFile } from 'node:fs/promises';
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

test('each embed downloads the data it shows and an SVG image; beam and tree export their numbers', async ({ page }) => {
  for (const [id, query] of [['sampler', 'seed=5'], ['generate', 'steps=5'], ['beam-search', 'width=3&steps=2'], ['sample-tree', 'n=30&length=2']]) {
    await page.goto(`/embed/${id}/?${query}`);
    const d = view(page, id);
    await live(d);
    await expect.poll(async () => (await data(d)).state, { timeout: MODEL_TIMEOUT }).toMatchObject(Object.fromEntries([...new URLSearchParams(query)].map(([k, v]) => [k, Number(v)])));
    const [json] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
    const x = JSON.parse(await readFile(await json.path(), 'utf8'));
    expect(x, id).toEqual(await data(d));
    expect(x.source).toBe('model');
    if (id === 'beam-search') {
      expect(x.beams).toHaveLength(3);
      for (const b of x.beams) expect(b.tokens).toHaveLength(2);
      expect(x.nodes.filter((n: Json) => n.step === 2 && n.kept)).toHaveLength(3);
      expect(x.beams[0].logp).toBeGreaterThanOrEqual(x.greedy.logp - 1e-9);
    }
    if (id === 'sample-tree') expect(x.tree.reduce((a: number, n: Json) => a + n.count, 0)).toBe(30);
    const [svg] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download image' }).click()]);
    expect(svg.suggestedFilename()).toBe(`glassbox-${id}.svg`);
    expect(await readFile(await svg.path(), 'utf8'), id).toMatch(/^<\?xml[^>]*>\n<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  }
});

test('arrow keys move between generated tokens, and the temperature fans the sample tree out', async ({ page }) => {
  await page.goto('/embed/generate/?steps=4');
  const g = view(page, 'generate');
  await live(g);
  await expect.poll(async () => (await data(g)).steps.length, { timeout: MODEL_TIMEOUT }).toBe(4);
  await g.locator('[data-token="1"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(g.locator('[data-token="2"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(g.locator('[data-token="4"]')).toBeFocused();
  const distinct = async (t: number) => {
    await page.goto(`/embed/sample-tree/?temperature=${t}&n=50&length=2`);
    const d = view(page, 'sample-tree');
    await live(d);
    await expect.poll(async () => (await data(d)).state.temperature, { timeout: MODEL_TIMEOUT }).toBe(t);
    return (await data(d)).tree.length as number;
  };
  expect(await distinct(0.3)).toBeLessThan(await distinct(1.5));
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

test('the chapter fits a 360 px phone with every diagram live, and passes axe', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/decoding/');
  for (const id of ['generate', 'sampler', 'sample-tree', 'beam-search']) await live(view(page, id));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
