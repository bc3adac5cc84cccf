/**
 * The scaling-laws chapter's calculators on the built site: exported numbers against the
 * formulas, keyboard sliders with visible values, URL round trips, redraw time, downloads and
 * the chapter's build-time KaTeX. These diagrams need no model, so nothing waits for one.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { optimalAllocation } from '../../src/math/scaling';
import { SYNTHETIC_LAW, syntheticFamily } from '../fixtures/synthetic-family';
import { expect, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const diagram = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`).first();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each diagram exports its own shape
async function exported(d: Locator): Promise<any> {
  return JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null');
}

test('scaling-laws: a link with N, D and law exports the formula’s loss and 6·N·D', async ({ page }) => {
  await page.goto('/embed/scaling-laws/?N=7e10&D=1.4e12&law=chinchilla');
  const d = diagram(page, 'scaling-laws');
  const x = await exported(d);
  expect(x.state).toEqual({ N: 7e10, D: 1.4e12, C: 5.88e23, law: 'chinchilla' });
  const formula = 1.69 + 406.4 / 7e10 ** 0.34 + 410.7 / 1.4e12 ** 0.28;
  expect(Math.abs(x.loss - formula) / formula).toBeLessThan(1e-3);
  expect(x.compute).toBe(6 * 7e10 * 1.4e12);
  await expect(d.locator('output[data-output="N"]')).toHaveText('70 B parameters');
  await expect(d.locator('.gb-sl-summary')).toContainText('1.937 nats per token');
});

test('scaling-laws: C alone gives the closed-form Chinchilla allocation', async ({ page }) => {
  await page.goto('/embed/scaling-laws/?C=1e24');
  const x = await exported(diagram(page, 'scaling-laws'));
  const closed = optimalAllocation(1e24);
  expect(x.state.C).toBe(1e24);
  expect(Math.abs(x.optimal.N - closed.N) / closed.N).toBeLessThan(1e-12);
  expect(Math.abs(x.optimal.D - closed.D) / closed.D).toBeLessThan(1e-12);
  expect(Math.abs(x.state.N - closed.N) / closed.N).toBeLessThan(5e-3);
});

test('scaling-laws: keyboard slider steps redraw within a frame and reach the URL', async ({ page }) => {
  await page.goto('/embed/scaling-laws/');
  const d = diagram(page, 'scaling-laws');
  await expect(d.locator('.gb-sl-current')).toHaveCount(1);
  const slider = d.getByLabel('Parameters N');
  await slider.focus();
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < 60; i++) await page.keyboard.press(i < 30 ? 'ArrowLeft' : 'PageDown');
  const x = await exported(d);
  expect(x.state.N).toBeLessThan(7e10);
  expect(x.compute).toBe(6 * x.state.N * x.state.D);
  await expect(d.locator('output[data-output="N"]')).not.toHaveText('70 B parameters');
  await expect(slider).toHaveAttribute('aria-valuetext', /parameters$/);
  const times = await page.evaluate(() => performance.getEntriesByName('glassbox:update:scaling-laws').map((e) => e.duration));
  expect(times.length).toBeGreaterThanOrEqual(30);
  const sorted = [...times].sort((a, b) => a - b);
  expect(sorted[Math.floor(0.95 * (sorted.length - 1))]).toBeLessThanOrEqual(16);
  await expect(page).toHaveURL(new RegExp(`N=${String(x.state.N.toExponential()).replace('e+', 'e').replace('.', '\\.')}`));
});

test('scaling-laws: dragging the D slider with the pointer redraws at 60 fps (p95 ≤ 16 ms)', async ({ page }) => {
  await page.goto('/embed/scaling-laws/');
  const d = diagram(page, 'scaling-laws');
  await expect(d.locator('.gb-sl-current')).toHaveCount(1);
  const box = await d.getByLabel('Training tokens D').boundingBox();
  if (!box) throw new Error('no slider');
  await page.evaluate(() => performance.clearMeasures());
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + 4 + ((box.width - 8) * i) / 60, y);
  await page.mouse.up();
  const times = await page.evaluate(() => performance.getEntriesByName('glassbox:update:scaling-laws').map((e) => e.duration));
  expect(times.length).toBeGreaterThanOrEqual(30);
  const sorted = [...times].sort((a, b) => a - b);
  expect(sorted[Math.floor(0.95 * (sorted.length - 1))]).toBeLessThanOrEqual(16);
  expect((await exported(d)).state.D).toBe(1e14);
});

test('scaling-laws: the split slider keeps C and the law picker changes the loss', async ({ page }) => {
  await page.goto('/embed/scaling-laws/');
  const d = diagram(page, 'scaling-laws');
  const before = await exported(d);
  await d.getByLabel('Split at fixed C: tokens per parameter').fill('3');
  const split = await exported(d);
  expect(Math.abs(split.compute - before.compute) / before.compute).toBeLessThan(0.011);
  expect(split.state.D / split.state.N).toBeCloseTo(1000, -1);
  await d.getByLabel('Scaling law').selectOption('epoch');
  const epoch = await exported(d);
  expect(epoch.state.law).toBe('epoch');
  expect(epoch.loss).not.toBe(split.loss);
  await d.getByRole('button', { name: 'Move to the optimum for this compute' }).click();
  const opt = await exported(d);
  expect(Math.abs(opt.state.N - opt.optimal.N) / opt.optimal.N).toBeLessThan(5e-3);
});

test('scaling-laws: bad links are clamped with a visible note', async ({ page }) => {
  await page.goto('/embed/scaling-laws/?N=1e99&D=%3Cscript%3E&law=nope');
  const d = diagram(page, 'scaling-laws');
  await expect(d.locator('[data-role="notes"] li')).toHaveCount(3);
  expect((await exported(d)).state.law).toBe('chinchilla');
});

test('scaling-laws: Download data and image', async ({ page }) => {
  await page.goto('/embed/scaling-laws/?law=kaplan');
  const d = diagram(page, 'scaling-laws');
  await expect(d.locator('.gb-sl-current')).toHaveCount(1);
  const [json] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
  expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toEqual(await exported(d));
  const [svg] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download image' }).click()]);
  const text = await readFile(await svg.path(), 'utf8');
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(text).toContain('Kaplan law');
});

test('model-memory: 7B in fp16 is 14e9 bytes; training with Adam 16 bytes per parameter', async ({ page }) => {
  await page.goto('/embed/model-memory/?N=7e9&dtype=fp16');
  const d = diagram(page, 'model-memory');
  const x = await exported(d);
  expect(x.bytes.inference).toBe(14e9);
  expect(x.bytes.training).toBe(112e9);
  await expect(d.locator('.gb-mm-summary')).toContainText('7 B parameters × 2 bytes (fp16) = 14 GB');
  await d.getByLabel('Number format for inference').selectOption('int4');
  expect((await exported(d)).bytes.inference).toBe(3.5e9);
  await expect(page).toHaveURL(/dtype=int4/);
});

test('training-cost: accelerator and utilisation change the GPU-days, sources are listed', async ({ page }) => {
  await page.goto('/embed/training-cost/?N=7e10&D=2e12&gpu=a100&mfu=0.4');
  const d = diagram(page, 'training-cost');
  const x = await exported(d);
  expect(x.flops).toBe(8.4e23);
  expect(x.gpuDays).toBeCloseTo(8.4e23 / (312e12 * 0.4) / 86400, 6);
  await d.getByLabel('Accelerator (dense 16-bit peak)').selectOption('h100');
  expect((await exported(d)).gpuDays).toBeLessThan(x.gpuDays);
  await d.locator('details').evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await expect(d.locator('table')).toContainText('Epoch AI estimate');
  await expect(d.locator('table')).toContainText('Touvron et al. 2023');
});

test('scaling-measured: plots every committed measurement with its fit', async ({ page }) => {
  const family = JSON.parse(await readFile('src/data/scaling-family.json', 'utf8')) as { runs: { id: string; tokens: number; val: { gutenberg: { loss: number } } }[] };
  await page.goto('/embed/scaling-measured/');
  const d = diagram(page, 'scaling-measured');
  await expect(d).toHaveAttribute('data-source', 'measured');
  const x = await exported(d);
  expect(x.fit).not.toBeNull();
  // Every run of the committed file, with its own token count and held-out loss.
  expect(x.points.map((p: { id: string; D: number; loss: number }) => [p.id, p.D, p.loss]).sort()).toEqual(
    family.runs.map((r) => [r.id, r.tokens, r.val.gutenberg.loss]).sort(),
  );
  await expect(d.locator('circle[data-run]')).toHaveCount(family.runs.length);
});

test('the chapter renders its formulas with KaTeX at build time and serves KaTeX from the site', async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (/\.woff2?$/.test(r.url())) fonts.push(r.url());
  });
  await page.goto('/scaling-laws/');
  await expect(page.locator('.katex').first()).toBeVisible();
  expect(await page.locator('.gb-formula').count()).toBeGreaterThanOrEqual(4);
  for (const f of await page.locator('.gb-formula').all()) await expect(f.locator('cite, a').first()).toBeVisible();
  for (const id of ['scaling-laws', 'model-memory', 'training-cost', 'scaling-measured']) {
    await expect(page.locator(`[data-diagram="${id}"]`)).toHaveCount(1);
  }
  await expect.poll(() => fonts.length).toBeGreaterThan(0);
});

test('the chapter story moves the diagram as the reader scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('/scaling-laws/');
  const d = diagram(page, 'scaling-laws');
  await page.locator('[data-scaling-step="kaplan"]').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await exported(d)).state.law).toBe('kaplan');
  await page.locator('[data-scaling-step="overtrain"]').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await exported(d)).state.N).toBe(7e9);
});

test('scaling-measured: the fit runs in the browser (synthetic family injected, not measurements)', async ({ page }) => {
  await page.goto('/embed/scaling-measured/');
  const family = syntheticFamily(0.01);
  // A fresh copy of the element reads the injected family, as it would read the committed file.
  await page.evaluate((json) => {
    const el = document.querySelector('glassbox-scaling-measured');
    if (!el) throw new Error('no diagram');
    const copy = el.cloneNode(true) as HTMLElement;
    const script = copy.querySelector('[data-role="family"]');
    if (script) script.textContent = json;
    el.replaceWith(copy);
  }, JSON.stringify(family));
  const d = diagram(page, 'scaling-measured');
  await expect.poll(async () => (await exported(d)).fit !== null).toBe(true);
  const x = await exported(d);
  expect(x.points).toHaveLength(12);
  expect(Math.abs(x.fit.alpha - SYNTHETIC_LAW.alpha)).toBeLessThan(0.1);
  await expect(d.locator('circle[data-run]')).toHaveCount(12);
  await expect(d.locator('rect[data-residual]')).toHaveCount(12);
  await d.getByLabel('Held-out text').selectOption('brown');
  await expect.poll(async () => (await exported(d)).points[0].loss).toBeCloseTo(x.points[0].loss + 0.2, 9);
  await expect(page).toHaveURL(/val=brown/);
});

test('on a phone, each story step has a button that shows its state', async ({ page }) => {
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto('/scaling-laws/');
  const d = diagram(page, 'scaling-laws');
  await page.locator('[data-scaling-step="epoch"]').getByRole('button', { name: 'Show this in the diagram' }).click();
  await expect.poll(async () => (await exported(d)).state.law).toBe('epoch');
  const x = await exported(d);
  expect(x.state.C).toBe(5.76e23);
  expect(Math.abs(x.state.N - x.optimal.N) / x.optimal.N).toBeLessThan(5e-3);
  // The page never scrolls sideways at phone width (formulas and tables scroll in their own boxes).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(380);
});
