/**
 * The abilities chapter's model-fed views on the built site: in-context (live losses on the
 * copies, the induction head found in heads.json, state round trip in the URL, hover and keyboard
 * on tokens, the export) and confidence (live top guesses, adding a prompt that the URL keeps);
 * nothing overflows a 360 px screen.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const view = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`);
const exported = async (d: Locator): Promise<Json> => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null');

/** The induction head as heads.json ranks it, 1-based: the test's own reading of the file. */
async function inductionHead(): Promise<{ layer: number; head: number }> {
  const cat = JSON.parse(await readFile('public/models/models.json', 'utf8')) as { default: string };
  const grid = JSON.parse(await readFile(`public/models/${cat.default}/heads.json`, 'utf8')).scores.induction as number[][];
  let best = { layer: 0, head: 0, s: -Infinity };
  grid.forEach((row, l) => row.forEach((s, h) => (s > best.s ? (best = { layer: l + 1, head: h + 1, s }) : null)));
  return { layer: best.layer, head: best.head };
}

async function liveInContext(d: Locator, text: string, repeat: number): Promise<Json> {
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect
    .poll(async () => {
      const x = await exported(d);
      return x.source === 'model' && x.sequence === text && x.repeat === repeat;
    }, { timeout: MODEL_TIMEOUT })
    .toBe(true);
  return exported(d);
}

test.describe('in-context', () => {
  test('runs live: the second copy costs less, and the head is the one heads.json ranks first', async ({ page }) => {
    await page.goto('/abilities/');
    const d = view(page, 'in-context');
    await d.scrollIntoViewIfNeeded();
    const x = await liveInContext(d, 'Tomas Ilse Brant Oriel Kaveh Nadia Pell Ursin Maelis Joost', 2);
    expect(x.first.tokens.map((t: Json) => t.id)).toEqual(x.second.tokens.map((t: Json) => t.id));
    expect(x.first.losses).toHaveLength(x.first.tokens.length);
    expect(x.copies[1].mean_loss).toBeLessThan(x.copies[0].mean_loss);
    expect(x.head).toMatchObject(await inductionHead());
    expect(x.induction.length).toBeGreaterThan(0);
    for (const l of x.induction) expect(l.shifted).toBe(l.index - x.first.tokens.length + 1);
    expect(x.model.id).toBeTruthy();
    await expect(d.locator('.gb-ic-summary')).toContainText(`layer ${x.head.layer}, head ${x.head.head}`);
    await expect(d.locator('.gb-ic-guesses li')).toHaveCount(x.few_shot.top.length);
  });

  test('state round-trips through the URL, and the controls write it back', async ({ page }) => {
    const text = 'zib quor namble threp wix';
    await page.goto(`/abilities/?text=${encodeURIComponent(text)}&repeat=3`);
    const d = view(page, 'in-context');
    await d.scrollIntoViewIfNeeded();
    await expect(d.locator('textarea[data-role="text"]')).toHaveValue(text);
    await expect(d.locator('select[data-role="repeat"]')).toHaveValue('3');
    const x = await liveInContext(d, text, 3);
    expect(x.state).toEqual({ text, repeat: 3 });
    expect(x.copies).toHaveLength(3);
    await d.locator('select[data-role="repeat"]').selectOption('4');
    await expect.poll(() => new URL(page.url()).searchParams.get('repeat')).toBe('4');
    await d.locator('textarea[data-role="text"]').fill('moss lantern quill');
    await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe('moss lantern quill');
    const y = await liveInContext(d, 'moss lantern quill', 4);
    expect(y.copies).toHaveLength(4);
    await page.reload();
    await expect(view(page, 'in-context').locator('textarea[data-role="text"]')).toHaveValue('moss lantern quill');
    await expect(view(page, 'in-context').locator('select[data-role="repeat"]')).toHaveValue('4');
  });

  test('hover and arrow keys pick a token; its arc and details follow', async ({ page }) => {
    await page.goto('/abilities/');
    const d = view(page, 'in-context');
    await d.scrollIntoViewIfNeeded();
    const x = await liveInContext(d, 'Tomas Ilse Brant Oriel Kaveh Nadia Pell Ursin Maelis Joost', 2);
    const link = x.induction[3];
    await d.locator(`[data-token="${link.index}"]`).hover();
    await expect(d.locator('.gb-ic-detail')).toContainText(`Token ${link.index},`);
    await expect(d.locator('.gb-ic-detail')).toContainText(`to token ${link.shifted},`);
    await expect(d.locator(`[data-token="${link.index}"]`)).toHaveAttribute('aria-selected', 'true');
    await d.locator(`[data-token="${link.index}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await expect(d.locator('.gb-ic-detail')).toContainText(`Token ${link.index + 1},`);
    await expect(d.locator(`[data-token="${link.index + 1}"]`)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(d.locator('.gb-ic-detail')).toContainText('Token 1,');
  });

  test('Download data gives the export shown', async ({ page }) => {
    await page.goto('/abilities/');
    const d = view(page, 'in-context');
    await d.scrollIntoViewIfNeeded();
    const x = await liveInContext(d, 'Tomas Ilse Brant Oriel Kaveh Nadia Pell Ursin Maelis Joost', 2);
    const [json] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
    expect(json.suggestedFilename()).toBe('glassbox-in-context.json');
    const file = JSON.parse(await readFile(await json.path(), 'utf8'));
    expect(file).toEqual(x);
    for (const k of ['state', 'model', 'first', 'second', 'induction', 'head']) expect(file).toHaveProperty(k);
  });
});

test.describe('confidence', () => {
  test('runs live, adds a prompt, and keeps it in the URL', async ({ page }) => {
    await page.goto('/abilities/');
    const d = view(page, 'confidence');
    await d.scrollIntoViewIfNeeded();
    await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    const x = await exported(d);
    expect(x.prompts.map((p: Json) => p.prompt)).toContain('The capital of France is');
    for (const p of x.prompts) {
      expect(p.top).toHaveLength(5);
      expect(p.right).toBe(p.answer_rank === 1);
    }
    await d.getByLabel('Prompt', { exact: true }).fill('Bees make');
    await d.getByLabel('Answer', { exact: true }).fill('honey');
    await d.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('added')).toBe('Bees make | honey');
    await expect.poll(async () => (await exported(d)).prompts.length, { timeout: MODEL_TIMEOUT }).toBe(x.prompts.length + 1);
    const added = (await exported(d)).prompts.at(-1);
    expect(added).toMatchObject({ prompt: 'Bees make', answer: ' honey', added: true });
    await expect(d.locator('.gb-cf-list li').last()).toContainText('Bees make');
    await expect(d.locator('.gb-cf-detail')).toContainText('Bees make');
    // A fresh visit to the link shows the reader's prompt again.
    await page.goto(page.url());
    const again = view(page, 'confidence');
    await again.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await exported(again)).prompts.length, { timeout: MODEL_TIMEOUT }).toBe(x.prompts.length + 1);
    await again.getByRole('button', { name: 'Remove my prompts' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('added')).toBeNull();
  });

  test('arrow keys move through the prompts', async ({ page }) => {
    await page.goto('/abilities/');
    const d = view(page, 'confidence');
    await d.scrollIntoViewIfNeeded();
    await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    await d.locator('.gb-cf-list [data-token="1"]').focus();
    await page.keyboard.press('ArrowDown');
    await expect(d.locator('.gb-cf-list [data-token="2"]')).toBeFocused();
    await expect(d.locator('.gb-cf-detail')).toContainText('Prompt 2,');
  });
});

test('nothing overflows a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/abilities/');
  for (const id of ['in-context', 'confidence']) {
    const d = view(page, id);
    await d.scrollIntoViewIfNeeded();
    await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});
