import { percent } from '../../src/diagrams/kit/tokens';
import { EXAMPLE_TEXTS } from '../../src/model/examples';
import { ARCH, expect, MODEL_TIMEOUT, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

interface HeadsExport {
  state: { text: string; token: number };
  source: 'example' | 'model';
  text: string;
  tokens: { id: number; text: string }[];
  token: number;
  heads: { layer: number; head: number; label: string; weights: number[] }[];
}

const CHAPTER = '/attention/';
const DEFAULT_TEXT = EXAMPLE_TEXTS.attention;

test.use({ reducedMotion: 'reduce' });

const story = (page: Page) => page.locator('[data-story="attention"]');
const grid = (page: Page) => page.locator('[data-diagram="attention-heads"]');
const main = (page: Page) => page.locator('[data-diagram="attention"]');

async function exportOf<T>(diagram: Locator): Promise<T> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as T;
}

/** Scroll the story and the grid into view and wait until both show the live model's numbers. */
async function live(page: Page) {
  await story(page).scrollIntoViewIfNeeded();
  await expect(story(page)).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await grid(page).scrollIntoViewIfNeeded();
  await expect(grid(page)).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect.poll(async () => (await exportOf<HeadsExport>(grid(page))).source, { timeout: MODEL_TIMEOUT }).toBe('model');
}

test.describe('the attention chapter', () => {
  test('fills the story with live numbers and names the head that links "it" to "cat"', async ({ page }) => {
    await page.goto(CHAPTER);
    await live(page);
    // No slot is left at its placeholder.
    const fills = await page.locator('[data-fill]').allTextContents();
    expect(fills.length).toBeGreaterThan(20);
    expect(fills.filter((t) => t === '…')).toEqual([]);

    const data = await exportOf<HeadsExport>(grid(page));
    expect(data.tokens[data.token - 1].text).toBe(' it');
    const key = data.tokens.findIndex((t) => t.text === ' cat');
    expect(key).toBeGreaterThanOrEqual(0);
    const best = data.heads.reduce((a, b) => (b.weights[key] > a.weights[key] ? b : a));

    const verdict = (await page.locator('.callout [data-fill="verdict"]').textContent()) ?? '';
    expect(verdict).toContain(`layer ${best.layer}, head ${best.head}`);
    expect(verdict).toContain(percent(best.weights[key]));
    expect(verdict).toMatch(/“it”.*“cat”/);
    if (best.weights[key] < 0.2) expect(verdict).toMatch(/^No head of this small model/);
    else expect(verdict).toMatch(new RegExp(`more than in any other of the ${ARCH.layers * ARCH.heads} heads`));

    // "Show this head" puts that head, from "it", in the main diagram, whose weights say the same.
    await page.getByRole('button', { name: `Show layer ${best.layer}, head ${best.head} in the diagram` }).click();
    await expect(main(page).locator('[data-role="layer"]')).toHaveValue(String(best.layer));
    await expect(main(page).locator('[data-role="head"]')).toHaveValue(String(best.head));
    await expect
      .poll(async () => percent((await exportOf<{ attention: number[][] }>(main(page))).attention[data.token - 1][key]))
      .toBe(percent(best.weights[key]));

    // The story's table: the model's weights and the softmax recomputed on the page agree.
    const rows = await story(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(rows).toHaveLength(data.tokens.length);
    for (const r of rows) expect(r[4]).toBe(r[5]);
    expect(rows[key][4]).toBe(percent(best.weights[key]));
  });

  test('choosing a head in the grid shows it in the main diagram', async ({ page }) => {
    await page.goto(CHAPTER);
    await live(page);
    const cell = grid(page).locator('g.gb-ah-cell[data-layer="3"][data-head="5"]');
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    await expect(main(page).locator('[data-role="layer"]')).toHaveValue('3');
    await expect(main(page).locator('[data-role="head"]')).toHaveValue('5');
    await expect(main(page)).toHaveAttribute('data-state', /layer=3&head=5/);
    await expect(grid(page).getByRole('status').filter({ hasText: 'Layer 3, head 5 is now shown' })).toBeVisible();

    // Keyboard: arrow to the next head and press Enter.
    await cell.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(main(page).locator('[data-role="layer"]')).toHaveValue('4');
    await expect(grid(page).locator('g.gb-ah-cell[aria-pressed="true"]')).toHaveAttribute('data-layer', '4');

    // The main diagram now draws that head: its export holds the grid's weights for that head.
    const heads = await exportOf<HeadsExport>(grid(page));
    const chosen = heads.heads.find((h) => h.layer === 4 && h.head === 5)!;
    await expect
      .poll(async () => (await exportOf<{ attention: number[][] }>(main(page))).attention[heads.token - 1]?.slice(0, heads.token))
      .toEqual(chosen.weights.map((w) => expect.closeTo(w, 5)));
  });

  test('the grid and the main diagram share the query token', async ({ page }) => {
    await page.goto(CHAPTER);
    await live(page);
    await main(page).scrollIntoViewIfNeeded();
    await main(page).locator('[data-token="2"]').first().click();
    await expect(grid(page).locator('[role="radio"][aria-checked="true"]')).toHaveAttribute('data-token', '2');
    await expect.poll(async () => (await exportOf<HeadsExport>(grid(page))).token).toBe(2);
    // …and the other way: a token picked in the grid becomes the main diagram's query.
    await grid(page).locator('[role="radio"][data-token="5"]').click();
    await expect(main(page)).toHaveAttribute('data-state', /token=5/);
    await expect(grid(page).locator('[role="radio"][aria-checked="true"]')).toHaveAttribute('data-token', '5');
  });

  test('pins the figure beside the steps on a wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(CHAPTER);
    await live(page);
    const panel = story(page).locator('[data-role="panel"]');
    for (const step of ['qkv', 'dot', 'mask', 'softmax', 'sum']) {
      await story(page).locator(`[data-step="${step}"]`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await expect(panel.locator(`svg[data-step="${step}"]`)).toBeVisible();
      const top = (await panel.boundingBox())?.y ?? -1;
      expect(Math.abs(top - 16), `panel pinned at step ${step}`).toBeLessThan(4);
    }
    await expect(story(page).locator('.gb-story-figure svg')).toHaveCount(0);
  });

  test('reads on a 360 px phone: no sideways scrolling, figures inline', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(CHAPTER);
    await live(page);
    await expect(story(page).locator('.gb-story-figure svg')).toHaveCount(6);
    await expect(story(page).locator('[data-role="panel"]')).toBeHidden();
    const overflow = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > vw + 1 && !el.closest('.table-scroll, pre, details:not([open])'))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
      return { scroll: document.documentElement.scrollWidth, vw, wide: wide.slice(0, 10) };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.vw);
    await testInfo.attach('attention-360.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });

  test('runs one forward pass per distinct sentence, however many views show it', async ({ page }) => {
    const forwards = () => page.evaluate(() => performance.getEntriesByName('glassbox:forward').length);
    const matrix = page.locator('[data-diagram="attention-matrix"]');
    await page.goto(CHAPTER);
    await live(page);
    for (const view of [main(page), matrix]) {
      await view.scrollIntoViewIfNeeded();
      await expect(view).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    }
    // The pronoun probes run their own sentences once each; the default sentence among them is shared.
    const probes = page.locator('glassbox-pronoun-probes');
    await probes.scrollIntoViewIfNeeded();
    await expect(probes).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    const probeTexts = new Set(await probes.locator('tr[data-text]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.text)));
    expect(probeTexts.has(DEFAULT_TEXT)).toBe(true);
    const own = probeTexts.size - 1;
    // The main view, the matrix, the heads grid, the story and the probes all show the default sentence.
    expect(await forwards()).toBe(1 + own);

    // A new sentence typed in the main view: the grid and the story follow it, one trace between them.
    const text = 'The dog chased the ball until it was lost in the grass.';
    await main(page).scrollIntoViewIfNeeded();
    await main(page).locator('[data-role="text"]').fill(text);
    await expect.poll(async () => (await exportOf<{ text: string }>(main(page))).text, { timeout: MODEL_TIMEOUT }).toBe(text);
    await expect.poll(async () => (await exportOf<HeadsExport>(grid(page))).text, { timeout: MODEL_TIMEOUT }).toBe(text);
    expect(await forwards()).toBe(2 + own);
  });

  test('the heads grid embeds with its state in the query', async ({ page }) => {
    await page.goto('/embed/attention-heads/?text=Mary%20told%20John%20that%20she%20would%20come&token=5');
    const diagram = grid(page);
    await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
    await expect.poll(async () => (await exportOf<HeadsExport>(diagram)).text, { timeout: MODEL_TIMEOUT }).toBe('Mary told John that she would come');
    const data = await exportOf<HeadsExport>(diagram);
    expect(data.state).toEqual({ text: 'Mary told John that she would come', token: 5 });
    expect(data.heads).toHaveLength(ARCH.layers * ARCH.heads);
    for (const h of data.heads) {
      expect(h.weights).toHaveLength(5);
      expect(Math.abs(h.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
      expect(h.label).toMatch(/\S/);
    }
    await expect(diagram.locator('g.gb-ah-cell')).toHaveCount(ARCH.layers * ARCH.heads);
    await expect(diagram.locator('tbody tr')).toHaveCount(ARCH.layers * ARCH.heads);
    await diagram.locator('[data-token="2"]').click();
    await expect(page).toHaveURL(/token=2/);
    const measures = await page.evaluate(() => performance.getEntriesByName('glassbox:update:attention-heads').length);
    expect(measures).toBeGreaterThan(0);
  });
});
