/**
 * The tokenizer diagram on the built site. Acceptance (issue 5): the ids exported from
 * /embed/tokenizer/?text=…&tokenizer=… equal independent reference encoders (gpt-tokenizer for
 * the OpenAI encodings, the shipped tokenizer.json through transformers.js for Glassbox); the
 * contract (URL state, export, text alternative, keyboard); hostile input; typing stays in a frame.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { encode as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as gpt2 } from 'gpt-tokenizer/encoding/gpt2';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { TokenizerExport } from '../../src/diagrams/tokenizer/data';
import { nodeTokenizer } from '../../src/model/node';
import { TRICKY_TEXTS } from '../unit/diagrams/tricky-texts';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const REFERENCE: Record<string, (text: string) => number[]> = { gpt2, cl100k, o200k };

const diagramOf = (page: Page) => page.locator('[data-diagram="tokenizer"]');

async function exportOf(diagram: Locator): Promise<TokenizerExport> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as TokenizerExport;
}

/** Wait until the tokenizer has run in the page for exactly this text and tokenizer. */
async function live(diagram: Locator, text: string, tokenizer: string): Promise<TokenizerExport> {
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect
    .poll(async () => {
      const d = await exportOf(diagram);
      return d.text === text && d.tokenizer === tokenizer && d.source === 'model';
    }, { timeout: MODEL_TIMEOUT })
    .toBe(true);
  return exportOf(diagram);
}

const embed = (text: string, tokenizer: string) => `/embed/tokenizer/?text=${encodeURIComponent(text)}&tokenizer=${tokenizer}`;

test.describe('acceptance: exported ids equal the reference encoders', () => {
  for (const name of ['gpt2', 'cl100k', 'o200k'] as const) {
    test(`${name} against gpt-tokenizer`, async ({ page }) => {
      for (const [what, text] of Object.entries(TRICKY_TEXTS)) {
        await page.goto(embed(text, name));
        const data = await live(diagramOf(page), text, name);
        expect(data.tokens.map((t) => t.id), `${name}: ${what}`).toEqual(REFERENCE[name](text));
        expect(data.counts.tokens).toBe(data.tokens.length);
      }
    });
  }

  test('glassbox against the shipped tokenizer.json through transformers.js', async ({ page }) => {
    const reference = nodeTokenizer();
    for (const [what, text] of Object.entries(TRICKY_TEXTS)) {
      await page.goto(embed(text, 'glassbox'));
      const data = await live(diagramOf(page), text, 'glassbox');
      const { model, tokens } = await reference.encode(text);
      expect(data.model).toEqual(model);
      expect(data.tokens.map((t) => t.id), `glassbox: ${what}`).toEqual(tokens.map((t) => t.id));
      expect(data.tokens.map((t) => t.bytes), `glassbox: ${what}`).toEqual(tokens.map((t) => t.bytes));
    }
  });
});

test('what is drawn, the table and the downloads match the export', async ({ page }) => {
  const text = 'ChatGPT is amazing';
  await page.goto(embed(text, 'cl100k'));
  const diagram = diagramOf(page);
  const data = await live(diagram, text, 'cl100k');
  expect(data.state).toEqual({ text, tokenizer: 'cl100k', token: 0 });
  expect(data.model).toEqual({ id: 'cl100k_base', version: 'js-tiktoken 1.0.21' });
  expect(data.counts).toEqual({ characters: 18, bytes: 18, tokens: data.tokens.length, charsPerToken: Math.round((18 / data.tokens.length) * 100) / 100 });
  const ids = await diagram.locator('[data-token]').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-token-id'))));
  expect(ids).toEqual(data.tokens.map((t) => t.id));
  await expect(diagram.locator('tbody tr')).toHaveCount(data.tokens.length);
  await expect(diagram.locator('.gb-tok-summary')).toContainText(`into ${data.tokens.length} tokens`);

  const [json] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download data' }).click()]);
  expect(json.suggestedFilename()).toBe('glassbox-tokenizer.json');
  expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toEqual(data);

  const [svg] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download image' }).click()]);
  expect(svg.suggestedFilename()).toBe('glassbox-tokenizer.svg');
  const body = await readFile(await svg.path(), 'utf8');
  expect(body).toMatch(/^<\?xml[^>]*>\n<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(body.match(/class="gb-tok-token[" ]/g)).toHaveLength(data.tokens.length);
  expect(body).toContain('tokenizer=cl100k');
});

test('typing, the picker and the keyboard update the view and the URL; a copied link restores it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/embed/tokenizer/');
  const diagram = diagramOf(page);
  await live(diagram, 'ChatGPT is amazing', 'glassbox');
  await diagram.getByLabel('Your text').fill('Tokens are pieces');
  await diagram.getByRole('combobox', { name: 'Tokenizer' }).selectOption('gpt2');
  const data = await live(diagram, 'Tokens are pieces', 'gpt2');
  await expect(page).toHaveURL(/\?text=Tokens%20are%20pieces&tokenizer=gpt2$/);

  await diagram.locator('[data-token="1"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(diagram.locator('[data-token="2"]')).toBeFocused();
  await expect(diagram.locator('.gb-tok-detail')).toContainText(`Token 2 of ${data.tokens.length}`);
  await expect(diagram.locator('.gb-tok-detail')).toContainText(`id ${data.tokens[1].id}, bytes`);
  await expect(page).toHaveURL(/&token=2$/);

  await diagram.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${baseURL}/tokenization/?text=Tokens%20are%20pieces&tokenizer=gpt2&token=2`);
  await page.goto(link.replace('/tokenization/', '/embed/tokenizer/'));
  await live(diagramOf(page), 'Tokens are pieces', 'gpt2');
  await expect(diagramOf(page).locator('[data-token="2"]')).toHaveClass(/is-selected/);
});

test('OpenAI rank files load only when picked', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto('/embed/tokenizer/');
  const diagram = diagramOf(page);
  await live(diagram, 'ChatGPT is amazing', 'glassbox');
  const before = scripts.length;
  expect(scripts.filter((u) => /o200k|cl100k|gpt2/.test(u))).toEqual([]);
  await diagram.getByRole('combobox', { name: 'Tokenizer' }).selectOption('o200k');
  await live(diagram, 'ChatGPT is amazing', 'o200k');
  expect(scripts.slice(before).some((u) => /o200k/.test(u))).toBe(true);
  expect(scripts.some((u) => /onnx/.test(u)), 'the network is not downloaded for tokenizing').toBe(false);
});

test.describe('bad input is shown faithfully, with notes, and never crashes', () => {
  test('emoji with joiners, CJK, right-to-left and control characters', async ({ page }) => {
    const text = `${TRICKY_TEXTS.emoji} ${TRICKY_TEXTS.cjk} ${TRICKY_TEXTS.rtl} ${TRICKY_TEXTS.controls}`;
    await page.goto(embed(text, 'o200k'));
    const diagram = diagramOf(page);
    const data = await live(diagram, text, 'o200k');
    expect(data.tokens.flatMap((t) => t.bytes)).toEqual([...new TextEncoder().encode(text)]);
    await expect(diagram.locator('.gb-tok-viewnotes')).toContainText('Right-to-left text');
    await expect(diagram.locator('.gb-tok-label').filter({ hasText: '␇' })).not.toHaveCount(0);
  });

  test('a lone surrogate is replaced by � with a note', async ({ page }) => {
    await page.goto('/embed/tokenizer/?tokenizer=gpt2');
    const diagram = diagramOf(page);
    await live(diagram, 'ChatGPT is amazing', 'gpt2');
    await diagram.getByLabel('Your text').evaluate((el: HTMLTextAreaElement) => {
      el.value = 'a\uD800b';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await live(diagram, 'a\uFFFDb', 'gpt2');
    await expect(diagram.locator('[data-role="notes"]')).toContainText('broken characters were replaced by �');
  });

  test('100 kB of text: the page keeps painting, the first tokens are drawn, the counts cover all', async ({ page }) => {
    const long = 'The cat sat on the mat, and 42 dogs barked. '.repeat(2300).slice(0, 100_000);
    await page.goto('/embed/tokenizer/?tokenizer=cl100k');
    const diagram = diagramOf(page);
    await live(diagram, 'ChatGPT is amazing', 'cl100k');
    await diagram.getByLabel('Your text').fill(long);
    // Count animation frames while the text is tokenized: a blocked main thread paints none.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const t0 = performance.now();
          const tick = () => (performance.now() - t0 > 500 ? resolve(n) : (n++, requestAnimationFrame(tick)));
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBeGreaterThan(5);
    const data = await live(diagram, long, 'cl100k');
    expect(data.tokens.length).toBeGreaterThan(2000);
    expect(data.counts.characters).toBe(100_000);
    await expect(diagram.locator('[data-token]')).toHaveCount(2000);
    await expect(diagram.locator('.gb-tok-viewnotes')).toContainText(`Showing the first 2,000 of ${data.tokens.length.toLocaleString('en-US')} tokens`);
    // The site model's tokenizer (transformers.js in the model worker) takes the whole text too.
    await diagram.getByRole('combobox', { name: 'Tokenizer' }).selectOption('glassbox');
    const own = await live(diagram, long, 'glassbox');
    expect(own.tokens.flatMap((t) => t.bytes).length).toBe(100_000);
  });
});

test('a long run of letters (slow BPE) keeps the page painting, says so, and newer text still answers', async ({ page }) => {
  await page.goto('/embed/tokenizer/?tokenizer=cl100k');
  const diagram = diagramOf(page);
  await live(diagram, 'ChatGPT is amazing', 'cl100k');
  const input = diagram.getByLabel('Your text');
  // One 30 000-letter chunk: js-tiktoken's merge loop is quadratic in it (minutes of work).
  await input.fill('a'.repeat(30_000));
  await expect(diagram.locator('[data-role="notes"]')).toContainText('Still tokenizing 30,000 characters');
  // The request went out before this note did: the page's clock now is an upper bound on its start.
  const sentBy = await page.evaluate(() => performance.now());
  const frames = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let n = 0;
        const t0 = performance.now();
        const tick = () => (performance.now() - t0 > 500 ? resolve(n) : (n++, requestAnimationFrame(tick)));
        requestAnimationFrame(tick);
      }),
  );
  expect(frames).toBeGreaterThan(5);
  // The reader moves on once the request is older than source.ts's STALE_MS (1.5 s): it is
  // abandoned (the worker restarts) and the new text answers. Wait, on the page's own clock,
  // until the request is surely that old.
  await expect.poll(() => page.evaluate(() => performance.now()), { intervals: [100] }).toBeGreaterThan(sentBy + 1550);
  await input.fill('Hello again');
  const data = await live(diagram, 'Hello again', 'cl100k');
  expect(data.tokens.map((t) => t.id)).toEqual(cl100k('Hello again'));
  await expect(diagram.locator('[data-role="notes"]')).toBeHidden();
});

test('typing 200 characters redraws within a frame (p95 of glassbox:update:tokenizer ≤ 16 ms)', async ({ page }) => {
  const text = 'Byte-pair encoding starts from bytes and merges the most frequent pairs, step by step, until common words are single tokens and rare ones are spelled from pieces. Numbers like 1234 and names split too!';
  expect(text.length).toBeGreaterThanOrEqual(200);
  await page.goto('/embed/tokenizer/');
  const diagram = diagramOf(page);
  await live(diagram, 'ChatGPT is amazing', 'glassbox');
  const input = diagram.getByLabel('Your text');
  await input.fill('');
  await input.pressSequentially(text, { delay: 15 });
  await live(diagram, text, 'glassbox');
  for (let i = 1; i <= 20; i++) await diagram.locator(`[data-token="${i}"]`).hover();
  const ms = await page.evaluate(() => performance.getEntriesByName('glassbox:update:tokenizer').map((e) => e.duration));
  expect(ms.length).toBeGreaterThan(20);
  const sorted = [...ms].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1];
  expect(p95, `p95 of ${ms.length} redraws`).toBeLessThanOrEqual(16);
});
