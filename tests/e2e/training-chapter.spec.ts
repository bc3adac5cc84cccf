/**
 * The training chapter (issue 18) in a real browser: the loss curve's export is the shipped log;
 * the checkpoint scrubber fetches a checkpoint only when moved, with a progress bar, and its bars
 * come from that checkpoint; the gradient step lowers the loss at a small rate; the reader's own
 * training run is deterministic for a seed, learns, never blocks the main thread for 50 ms and
 * pauses when the tab is hidden; the page fits 360 px, and no request leaves the origin (fixtures).
 * Independent onnxruntime checks are the Node tests in tests/unit/model/.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

const view = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = async (d: Locator): Promise<any> => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null');

async function catalogue() {
  return JSON.parse(await readFile('public/models/models.json', 'utf8'));
}

test('loss curve: the export is training-log.json, and the step slider reads a logged point', async ({ page }) => {
  const cat = await catalogue();
  const log = JSON.parse(await readFile(`public/models/${cat.default}/training-log.json`, 'utf8'));
  await page.goto('/training/');
  const d = view(page, 'loss-curve');
  await d.scrollIntoViewIfNeeded();
  expect((await data(d)).log).toEqual(log);
  const slider = d.locator('input[data-control="at"]');
  await slider.fill(String(log.train[9].step));
  await expect.poll(async () => (await data(d)).readout?.step).toBe(log.train[9].step);
  await expect(d.locator('.gb-lc-readout')).toContainText(`Step ${log.train[9].step.toLocaleString('en-US')}`);
});

test('checkpoints: nothing fetched until the scrubber moves; then that checkpoint, with progress', async ({ page }) => {
  const cat = await catalogue();
  const list = cat.models.find((m: { id: string }) => m.id === cat.default).checkpoints ?? [];
  const fetched: string[] = [];
  page.context().on('request', (r) => {
    if (r.url().includes('/checkpoints/')) fetched.push(r.url());
  });
  await page.goto('/training/');
  const d = view(page, 'checkpoints');
  await d.scrollIntoViewIfNeeded();
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  expect(fetched).toEqual([]);
  const scrub = d.locator('[data-role="scrubber"]');
  if (list.length < 2) {
    await expect(scrub).toBeDisabled();
    return;
  }
  await scrub.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await data(d)).step, { timeout: MODEL_TIMEOUT }).toBe(list[0].step);
  expect(fetched.some((u) => u.includes(list[0].path))).toBe(true);
  expect((await data(d)).model.version).toContain(`/step-${String(list[0].step).padStart(6, '0')}`);
});

test('gradient step: a small learning rate lowers the loss; the export holds the numbers shown', async ({ page }) => {
  await page.goto('/training/');
  const d = view(page, 'gradient-step');
  await d.scrollIntoViewIfNeeded();
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await d.locator('input[data-control="lr"]').fill('-4');
  await expect.poll(async () => (await data(d)).lr).toBe(1e-4);
  const e = await data(d);
  expect(e.loss_after).toBeLessThan(e.loss_before);
  for (const k of ['p_before', 'p_after', 'grad_norm']) expect(e[k]).toBeDefined();
  await d.locator('[data-token="2"]').click();
  await expect.poll(async () => (await data(d)).position).toBe(2);
});

test('train-live: same seed, same losses; it learns; no long task; pauses when hidden', async ({ page }) => {
  await page.goto('/training/');
  const d = view(page, 'train-live');
  await d.scrollIntoViewIfNeeded();
  // Long tasks are watched from the untrained model on: page load and the other diagrams are not the training's.
  await expect(d.locator('.gb-tl-summary')).toContainText('Untrained', { timeout: 30_000 });
  await page.evaluate(() => {
    (window as unknown as { longest: number }).longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) (window as unknown as { longest: number }).longest = Math.max((window as unknown as { longest: number }).longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const run = async (n: number) => {
    await d.locator('[data-role="reset"]').click();
    await d.locator('[data-role="play"]').click();
    await expect.poll(async () => (await data(d)).losses.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
    await d.locator('[data-role="play"]').click();
    return (await data(d)).losses.slice(0, n) as number[];
  };
  const a = await run(500);
  const b = await run(500);
  expect(b).toEqual(a);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  expect(mean(a.slice(-50))).toBeLessThan(mean(a.slice(0, 10)) - 0.5);
  expect(await page.evaluate(() => (window as unknown as { longest: number }).longest)).toBeLessThanOrEqual(50);
  await d.locator('[data-role="play"]').click();
  await expect(d.locator('[data-role="play"]')).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(d.locator('[data-role="play"]')).toHaveAttribute('aria-pressed', 'false');
});

test('the chapter fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/training/');
  for (const id of ['checkpoints', 'gradient-step', 'loss-curve', 'train-live', 'compute-table']) await view(page, id).scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
