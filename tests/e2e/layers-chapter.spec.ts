/**
 * The layers chapter's story on the built site: every filled number follows the token picked in
 * the layer stack, and the ones checked here match an independent onnxruntime-node run of the
 * shipped file (vector lengths, the final distribution) and the side files (vocabulary size).
 */
import { expect, MODEL_TIMEOUT, test } from './fixtures';
import { config, exported, runOnnx, softmax64, top, waitForModel } from './layers-lib';

test.use({ reducedMotion: 'reduce' });

const TEXT = 'The dog chased the ball until it was lost.';
const fill = (page: import('@playwright/test').Page, k: string) => page.locator(`[data-layers-fill="${k}"]`).first();
const len = (a: Float32Array, o: number, d: number) => Math.hypot(...a.subarray(o, o + d));

test('the story’s numbers are the model’s, for the token picked in the layer stack', async ({ page }) => {
  await page.goto(`/layers/?text=${encodeURIComponent(TEXT)}&token=4`);
  const stack = page.locator('[data-diagram="layer-stack"]');
  await stack.scrollIntoViewIfNeeded();
  await waitForModel(stack, TEXT);
  const story = page.locator('glassbox-layers-story');
  await story.scrollIntoViewIfNeeded();
  await expect(story).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect(story.locator('[data-role="status"]')).toContainText(TEXT);
  const data = await exported<{ tokens: { id: number; text: string }[] }>(stack);
  const run = await runOnnx(data.tokens.map((t) => t.id));
  const { T } = run;
  const d = config.n_embd;
  const V = config.vocab_size;
  const check = async (t: number) => {
    await expect(fill(page, 'token-pos')).toHaveText(String(t + 1));
    await expect(fill(page, 'attn-1')).toHaveText(len(run.attn, t * d, d).toFixed(2));
    await expect(fill(page, 'mlp-1')).toHaveText(len(run.mlp, t * d, d).toFixed(2));
    await expect(fill(page, 'stream-1')).toHaveText(len(run.hidden, (T + t) * d, d).toFixed(2));
    const best = top(softmax64(run.logits.subarray(t * V, (t + 1) * V)), 5);
    await expect(fill(page, 'top-5')).toContainText(`${(best[0].p * 100).toFixed(1)}%`);
  };
  await check(3);
  await expect(fill(page, 'vocab')).toHaveText(V.toLocaleString('en-US'));
  await expect(fill(page, 'layers')).toHaveText(String(config.n_layer));
  await expect(fill(page, 'total')).toHaveText('1.000000');
  await expect(story.locator('[data-role="table-body"] tr')).toHaveCount(config.n_layer + 1);

  // Another token in the stack: the story follows.
  await stack.scrollIntoViewIfNeeded();
  await stack.locator('.gb-ls-token[data-token="7"]').click();
  await check(6);
});

test('the chapter reads at 360 px: nothing is wider than the screen but the grids’ own scrollers', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/layers/');
  for (const el of await page.locator('[data-diagram], glassbox-layers-story').all()) await el.scrollIntoViewIfNeeded();
  await expect(page.locator('glassbox-layers-story')).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  const wide = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !el.closest('.gb-lay-scroll, .table-scroll'))
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)}px`)
      .slice(0, 8);
  });
  expect(wide).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the chapter’s views share one sentence: typing in the stack retypes the lens and the neurons', async ({ page }) => {
  await page.goto('/layers/');
  const stack = page.locator('[data-diagram="layer-stack"]');
  await stack.scrollIntoViewIfNeeded();
  const NEW = 'A bird sang in the tree.';
  await stack.getByLabel('Your sentence').fill(NEW);
  await waitForModel(stack, NEW);
  for (const id of ['logit-lens', 'mlp-neurons']) {
    const d = page.locator(`[data-diagram="${id}"]`);
    await expect(d.getByLabel('Your sentence')).toHaveValue(NEW);
    await d.scrollIntoViewIfNeeded();
    await waitForModel(d, NEW);
  }
  await expect(page).toHaveURL(/text=A%20bird%20sang/);
});
