/**
 * The tokenization chapter's other diagrams on the built site: the four-way comparison, the
 * merge replay (it must end with exactly the tokenizer's tokens), BPE training, and the
 * chapter page itself (scroll story, lazy loading, initial JavaScript).
 */
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { encode as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as gpt2 } from 'gpt-tokenizer/encoding/gpt2';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { bpeTrain } from '../../src/math/bpe';
import type { CompareExport } from '../../src/diagrams/tokenizer-compare/data';
import type { MergesExport } from '../../src/diagrams/bpe-merges/data';
import type { TrainExport } from '../../src/diagrams/bpe-train/data';
import { nodeTokenizer } from '../../src/model/node';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const REFERENCE: Record<string, (text: string) => number[]> = { gpt2, cl100k, o200k };
const reference = nodeTokenizer();

async function exportOf<T>(diagram: Locator): Promise<T> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as T;
}

async function liveExport<T extends { source: string }>(diagram: Locator, ready: (d: T) => boolean): Promise<T> {
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect.poll(async () => ready(await exportOf<T>(diagram)), { timeout: MODEL_TIMEOUT }).toBe(true);
  return exportOf<T>(diagram);
}

const by = (page: Page, id: string) => page.locator(`[data-diagram="${id}"]`);

test.describe('tokenizer-compare', () => {
  test('all four tokenizers, with the reference ids, lined up, and the disagreements marked', async ({ page }) => {
    const text = 'for (let i = 0; i < 10; i++) {\n  total += 1234.5; // naïve 東京 👩‍👩‍👧\n}';
    await page.goto(`/embed/tokenizer-compare/?text=${encodeURIComponent(text)}`);
    const diagram = by(page, 'tokenizer-compare');
    const data = await liveExport<CompareExport>(diagram, (d) => d.source === 'model' && d.text === text);
    expect(data.tokenizers.map((r) => r.tokenizer)).toEqual(['glassbox', 'gpt2', 'cl100k', 'o200k']);
    for (const r of data.tokenizers) {
      const want = r.tokenizer === 'glassbox' ? (await reference.encode(text)).tokens.map((t) => t.id) : REFERENCE[r.tokenizer](text);
      expect(r.tokens.map((t) => t.id), r.tokenizer).toEqual(want);
      await expect(diagram.locator('tbody tr').filter({ hasText: String(r.counts.tokens) })).not.toHaveCount(0);
    }
    expect(data.disagreements.length).toBeGreaterThan(0);
    await expect(diagram.locator('line.gb-cmp-split')).toHaveCount(data.disagreements.length);
    await expect(diagram.locator('.gb-cmp-summary')).toContainText(`disagree at ${data.disagreements.length} of`);
  });

  test('typing updates the view and the URL', async ({ page }) => {
    await page.goto('/embed/tokenizer-compare/');
    const diagram = by(page, 'tokenizer-compare');
    await liveExport<CompareExport>(diagram, (d) => d.text === 'ChatGPT is amazing');
    await diagram.getByLabel('Text to compare').fill('Hello world');
    const data = await liveExport<CompareExport>(diagram, (d) => d.text === 'Hello world');
    expect(data.state).toEqual({ text: 'Hello world' });
    await expect(page).toHaveURL(/\?text=Hello%20world$/);
  });
});

test.describe('bpe-merges', () => {
  for (const word of [' amazing', ' tokenization', "don't", ' 👩‍👩‍👧', 'ChatGPT']) {
    test(`the replay of ${JSON.stringify(word)} ends with exactly the tokenizer's tokens`, async ({ page }) => {
      await page.goto(`/embed/bpe-merges/?word=${encodeURIComponent(word)}&step=300`);
      const diagram = by(page, 'bpe-merges');
      const data = await liveExport<MergesExport>(diagram, (d) => d.source === 'model' && d.replay.word === word);
      const want = (await reference.encode(word)).tokens;
      expect(data.tokens.map((t) => t.id)).toEqual(want.map((t) => t.id));
      const last = data.replay.pieces[data.replay.pieces.length - 1];
      expect(last.map((p) => p.bytes)).toEqual(want.map((t) => t.bytes));
      // What is drawn at the last step is the tokenizer's tokens, and the check says so.
      await expect(diagram.locator('g.gb-bpe-piece')).toHaveCount(want.length);
      await expect(diagram.locator('.gb-bpe-check')).toContainText(`✓ After the last merge these are exactly the tokenizer’s own tokens: ids ${want.map((t) => t.id).join(', ')}.`);
    });
  }

  test('Step, the slider and Play move through the merges, and the URL follows', async ({ page }) => {
    await page.goto('/embed/bpe-merges/');
    const diagram = by(page, 'bpe-merges');
    const data = await liveExport<MergesExport>(diagram, (d) => d.source === 'model');
    const n = data.replay.steps.length;
    await expect(diagram.locator('g.gb-bpe-piece')).toHaveCount(data.replay.pieces[0].length);
    await diagram.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page).toHaveURL(/\?step=1$/);
    await expect(diagram.locator('.gb-bpe-step')).toContainText(`Step 1 of ${n}: merge #${data.replay.steps[0].rank + 1}`);
    await diagram.getByRole('slider', { name: 'Merges applied' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/\?step=2$/);
    await diagram.getByRole('button', { name: 'Play' }).click();
    await expect(diagram.locator('.gb-bpe-step')).toContainText(`Step ${n} of ${n}`, { timeout: n * 2000 });
    await expect(diagram.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
    await expect(diagram.locator('g.gb-bpe-piece')).toHaveCount(data.tokens.length);
  });
});

test.describe('bpe-train', () => {
  test('learns the same merges as the pure trainer, step by step, from typed text', async ({ page }) => {
    const text = 'low lower lowest, newer newest wider widest';
    await page.goto('/embed/bpe-train/');
    const diagram = by(page, 'bpe-train');
    await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    await diagram.getByLabel(/Training text/).fill(text);
    const data = await liveExport<TrainExport>(diagram, (d) => d.text === text);
    expect(data.result).toEqual(JSON.parse(JSON.stringify(bpeTrain(text, 30))));
    await diagram.getByRole('button', { name: 'Next merge' }).click();
    await expect(page).toHaveURL(/&step=2$/);
    const second = data.result.steps[1];
    await expect(diagram.locator('g.gb-train-row')).toHaveCount(second.top.length);
    await expect(diagram.locator('g.gb-train-row').first().locator('.gb-train-count')).toHaveText(String(second.count));
    await expect(diagram.locator('.gb-train-step')).toContainText(`Merge 2: the most frequent pair`);
  });
});

test.describe('the chapter', () => {
  test('loads little JavaScript up front, and no tokenizer until a diagram is near', async ({ page, baseURL }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto('/tokenization/');
    await page.waitForLoadState('networkidle');
    const scripts = urls.filter((u) => u.startsWith(baseURL!) && /\.(m?js)(\?|$)/.test(u));
    expect(urls.filter((u) => /o200k|cl100k|gpt2|transformers|\.onnx|\.wasm/.test(u)), 'loaded before any diagram is near').toEqual([]);
    let gz = 0;
    for (const u of scripts) gz += gzipSync(await (await page.request.get(u)).body()).length;
    // DESIGN.md §6: under 30 KB gzipped on a chapter page before any diagram is near the viewport.
    expect(gz, `${scripts.length} scripts`).toBeLessThan(30_000);
  });

  test('the scroll story shows each step’s figure as the reader reaches it', async ({ page }) => {
    await page.goto('/tokenization/');
    const story = page.locator('glassbox-token-story');
    for (const id of ['bytes', 'merges', 'tokens', 'ids', 'cost']) {
      // Bring the step's top just above the middle of the viewport, where the reader is.
      await page.locator(`[data-story-step="${id}"]`).evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight * 0.4));
      await expect(story).toHaveAttribute('data-active', id);
      await expect(story.locator(`[data-figure="${id}"]`)).toBeVisible();
    }
    const ids = (await reference.encode('ChatGPT is amazing')).tokens.map((t) => t.id);
    await expect(story.locator('[data-figure="ids"] .gb-tstory-ids')).toHaveText(`[${ids.join(', ')}]`);
  });

  test('reads on a 360 px phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/tokenization/');
    for (const el of await page.locator('[data-diagram]').all()) await el.scrollIntoViewIfNeeded();
    await expect(page.locator('[data-diagram]:not([data-source="model"])')).toHaveCount(0, { timeout: MODEL_TIMEOUT });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
