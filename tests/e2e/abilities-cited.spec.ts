/**
 * The abilities chapter's cited diagrams (emergence, model-timeline) on the built site: state
 * round trips through the URL, the metric toggle recomputes Schaeffer et al.'s per-digit view
 * from the cited file, keyboard choice of panel and model, Download data equals the export with
 * its sources, bad links are noted, and the chapter fits a 360 px phone. They need no model.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const view = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`).first();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each diagram exports its own shape
const exported = async (d: Locator): Promise<any> => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null');
const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

test('emergence: a link’s state is shown and exported; the metric toggle recomputes p = EM^(1/L) and reaches the URL', async ({ page }) => {
  const file = await json('src/data/emergence.json');
  const add4 = file.arithmetic.tasks.find((t: { id: string }) => t.id === 'add4');
  await page.goto('/embed/emergence/?task=add4&metric=exact');
  const d = view(page, 'emergence');
  await expect(d.locator('svg.gb-em-chart')).toHaveCount(1);
  const exact = await exported(d);
  expect(exact.state).toEqual({ panel: 'arithmetic', task: 'add4', metric: 'exact' });
  expect(exact.series[0].points.map((p: { y: number }) => p.y)).toEqual(add4.rows.map((r: { value: number }) => r.value));
  expect(exact.series[0].points.every((p: { source: string }) => /Brown et al\. 2020, .+; compute: Brown et al\. 2020, Table D\.1/.test(p.source))).toBe(true);

  await d.getByLabel('Metric (arithmetic panel)').selectOption('per-token');
  await expect(page).toHaveURL(/metric=per-token/);
  await expect(page).toHaveURL(/task=add4/);
  const per = await exported(d);
  expect(per.state.metric).toBe('per-token');
  for (const [i, p] of per.series[0].points.entries()) expect(Math.abs(p.y - 100 * (add4.rows[i].value / 100) ** (1 / add4.answerDigits))).toBeLessThan(1e-9);
  await expect(d.locator('.gb-em-summary')).toContainText('per-digit accuracy');

  // The URL now carries the state: loading it again shows the same view.
  await page.goto(page.url());
  expect((await exported(view(page, 'emergence'))).state).toEqual(per.state);
});

test('emergence: the keyboard picks the panel; thresholds show our runs at 6·N·D from models.json and the training log', async ({ page }) => {
  const cat = await json('public/models/models.json');
  const own = cat.models.find((m: { id: string; archived?: boolean }) => m.id === cat.default && !m.archived);
  const log = await json(`public/models/${cat.default}/training-log.json`);
  await page.goto('/embed/emergence/');
  const d = view(page, 'emergence');
  const panel = d.getByLabel('Panel', { exact: true });
  await panel.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await exported(d)).state.panel).toBe('thresholds');
  const x = await exported(d);
  const shipped = x.ours.find((o: { shipped: boolean }) => o.shipped);
  expect(shipped.x).toBe(6 * own.params * log.train.at(-1).tokens);
  await expect(d.locator('path[data-ours]')).toHaveCount(x.ours.length);
  await expect(page).toHaveURL(/panel=thresholds/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await exported(d)).state.panel).toBe('gsm8k');
  await expect(d.locator('[data-series]')).toHaveCount(6);
});

test('emergence: Download data is the export, with its sources', async ({ page }) => {
  await page.goto('/embed/emergence/?panel=gsm8k');
  const d = view(page, 'emergence');
  await expect(d.locator('[data-series]')).toHaveCount(6);
  const [dl] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
  const body = JSON.parse(await readFile(await dl.path(), 'utf8'));
  expect(body).toMatchObject(await exported(d));
  expect(body.sources.length).toBeGreaterThan(0);
  expect(body.sources.every((s: string) => s.startsWith('Wei et al. 2022b, Appendix Table'))).toBe(true);
});

test('model-timeline: link state, select by keyboard, estimates drawn hollow, our size from models.json, export with citations', async ({ page }) => {
  const cat = await json('public/models/models.json');
  const own = cat.models.find((m: { id: string; archived?: boolean }) => m.id === cat.default && !m.archived);
  await page.goto('/embed/model-timeline/?y=tokens&highlight=chinchilla');
  const d = view(page, 'model-timeline');
  await expect(d.locator('.gb-mt-ring')).toHaveCount(1);
  const x = await exported(d);
  expect(x.state).toEqual({ y: 'tokens', highlight: 'chinchilla' });
  expect(x.rows.at(-1).params.value).toBe(own.params);
  expect(x.rows.every((r: { params: { source: { paper: string; location: string } } }) => r.params.source.paper && r.params.source.location)).toBe(true);
  await expect(d.locator('[data-model="chinchilla"] .gb-mt-ring')).toHaveCount(1);
  await expect(d.locator('[data-model="gpt-2"]')).toHaveCount(0);

  await d.getByLabel('Vertical axis').selectOption('params');
  // params is the default, so the URL drops the key rather than writing it.
  await expect(page).not.toHaveURL(/y=/);
  await expect(page).toHaveURL(/highlight=chinchilla/);
  await expect(d.locator('[data-model="gpt-4"][data-estimate="true"] circle').first()).toHaveAttribute('fill', 'none');
  const pick = d.getByLabel('Highlighted model');
  await pick.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await exported(d)).state.highlight).toBe('palm');
  await expect(d.locator('.gb-mt-focus')).toContainText('PaLM (Google, 2022-04)');
  await page.goto(page.url());
  expect((await exported(view(page, 'model-timeline'))).state).toEqual({ y: 'params', highlight: 'palm' });

  const [dl] = await Promise.all([page.waitForEvent('download'), view(page, 'model-timeline').getByRole('button', { name: 'Download data' }).click()]);
  const body = JSON.parse(await readFile(await dl.path(), 'utf8'));
  expect(body.rows.find((r: { id: string }) => r.id === 'gpt-4').params).toMatchObject({ value: 1.7e12, estimate: true });
});

test('model-timeline: a bad link is dropped with a visible note', async ({ page }) => {
  await page.goto('/embed/model-timeline/?y=nope&highlight=%3Cscript%3E');
  const d = view(page, 'model-timeline');
  await expect(d.locator('[data-role="notes"] li')).toHaveCount(2);
  expect((await exported(d)).state).toEqual({ y: 'params', highlight: 'gpt-3' });
});

test('the abilities chapter fits a 360 px phone, and its prose quotes the cited files', async ({ page }) => {
  const cat = await json('public/models/models.json');
  const own = cat.models.find((m: { id: string; archived?: boolean }) => m.id === cat.default && !m.archived);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/abilities/');
  for (const d of await page.locator('[data-diagram="emergence"], [data-diagram="model-timeline"]').all()) await d.scrollIntoViewIfNeeded();
  await expect(page.locator('[data-diagram="emergence"]')).toHaveCount(2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.locator('main')).toContainText(`Our model has ${Number((own.params / 1e6).toPrecision(3))} M parameters`);
  const palm = (await json('src/data/emergence.json')).gsm8k.rows.find((r: { family: string; params: number }) => r.family === 'PaLM' && r.params === 540e9);
  await expect(page.locator('main')).toContainText(`from ${palm.standard}% to ${palm.cot}%`);
});
