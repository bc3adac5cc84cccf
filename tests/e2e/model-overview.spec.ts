/**
 * The whole model in one picture (model-overview), as a reader meets it: under the home page's
 * prompt, following it; its numbers against an independent onnxruntime-node run of the shipped
 * model; each stage's link opening its chapter in the same state; vertical and within the width at
 * 360 px, one screen high at 1280 px (screenshots of both are attached); arrow keys between
 * stages; the size relabelling; redraws within a frame.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { config, exported, lensProbs, p95, runOnnx, softmax64, top, waitForModel } from './layers-lib';

interface Candidate {
  id: number;
  text: string;
  p: number;
}
interface OverviewExport {
  state: { text: string; stage: string; size: string };
  source: 'example' | 'model';
  text: string;
  tokens: { id: number; text: string }[];
  stages: ({ stage: string; link: string } & Record<string, unknown>)[];
  lens: { layer: number; top: Candidate }[];
  final: Candidate[];
}

const overview = (page: Page) => page.locator('[data-diagram="model-overview"]');
const card = (d: Locator, stage: string) => d.locator(`a.gb-mo-stage[data-stage="${stage}"]`);
/** The card's words and marks, drawn over its link (aria-hidden). */
const face = (d: Locator, stage: string) => d.locator(`.gb-mo-face[data-stage="${stage}"]`);

test.describe('on the home page', () => {
  test.use({ reducedMotion: 'reduce' });

  test('follows the prompt; its lens guesses, final top 5 and thumbnails match an independent run', async ({ page }) => {
    await page.goto('/');
    const d = overview(page);
    await d.scrollIntoViewIfNeeded();
    const first = await exported<OverviewExport>(d);
    await waitForModel(d, first.state.text);
    const PROMPT = 'She opened the door and';
    await page.locator('[data-diagram="next-token"]').getByLabel('Your prompt').fill(PROMPT);
    await waitForModel(d, PROMPT);
    const data = await exported<OverviewExport>(d);
    expect(data.state.text).toBe(PROMPT);

    const ids = data.tokens.map((t) => t.id);
    const run = await runOnnx(ids);
    const T = run.T;
    const dim = config.n_embd;
    expect(data.lens.map((e) => e.layer)).toEqual(Array.from({ length: config.n_layer }, (_, l) => l + 1));
    for (const { layer, top: got } of data.lens) {
      const o = (layer * T + T - 1) * dim;
      const [want] = top(lensProbs(run.hidden.subarray(o, o + dim)), 1);
      expect(got.id, `block ${layer}`).toBe(want.id);
      expect(Math.abs(got.p - want.p), `block ${layer}`).toBeLessThanOrEqual(1e-4);
    }
    const V = config.vocab_size;
    const want = top(softmax64(run.logits.subarray((T - 1) * V, T * V)), 5);
    expect(data.final.map((c) => c.id)).toEqual(want.map((c) => c.id));
    data.final.forEach((c, i) => expect(Math.abs(c.p - want[i].p)).toBeLessThanOrEqual(1e-4));

    // The drawn thumbnail is the exported last-token rows: one shade per √w, a cell per head × key.
    const block = data.stages.find((s) => s.stage === 'block-2') as unknown as { attention: number[][] };
    expect(block.attention).toHaveLength(config.n_head);
    block.attention.forEach((row) => expect(row).toHaveLength(T));
    const paths = await face(d, 'block-2').locator('path.gb-mo-att').evaluateAll((ps) => ps.map((p) => [Number(p.getAttribute('data-level')), p.getAttribute('d') ?? ''] as const));
    const drawn = new Map<string, number>();
    for (const [level, path] of paths) for (const m of path.matchAll(/M(\d+),(\d+)/g)) drawn.set(`${m[2]},${m[1]}`, level);
    const LEVELS = 12; // THUMB_LEVELS in src/diagrams/model-overview/draw.ts
    block.attention.forEach((row, h) => row.forEach((w, k) => expect(drawn.get(`${h},${k}`) ?? 0, `head ${h + 1} key ${k + 1}`).toBe(Math.round(Math.sqrt(w) * LEVELS))));
    // The next-token card names the model's top guess.
    await expect(face(d, 'next').locator('.gb-mo-next')).toHaveText(data.final[0].text.replace(/ /g, '␣'));
  });

  for (const width of [1280, 360]) {
    test(`fits the screen at ${width} px (screenshot)`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      const d = overview(page);
      await d.scrollIntoViewIfNeeded();
      await waitForModel(d, (await exported<OverviewExport>(d)).state.text);
      const svg = d.locator('svg.gb-mo-svg');
      const box = (await svg.boundingBox())!;
      const vw = await page.evaluate(() => document.documentElement.clientWidth);
      expect(box.x + box.width).toBeLessThanOrEqual(vw);
      const cards = await d.locator('a.gb-mo-stage rect.gb-mo-card').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect()).map((b) => ({ x: b.x, y: b.y, r: b.right })));
      expect(cards).toHaveLength(config.n_layer + 6);
      for (const c of cards) expect(c.r).toBeLessThanOrEqual(vw);
      if (width === 360) {
        // One column: every card starts at the same x, each below the one before.
        expect(new Set(cards.map((c) => Math.round(c.x))).size).toBe(1);
        cards.slice(1).forEach((c, i) => expect(c.y).toBeGreaterThan(cards[i].y));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
      } else {
        // One row, one screen high: the picture and its summary line above it.
        expect(new Set(cards.map((c) => Math.round(c.y))).size).toBe(1);
        const top = (await d.locator('.gb-mo-summary').boundingBox())!.y;
        expect(box.y + box.height - top).toBeLessThanOrEqual(800);
      }
      // Kept as a file in the test's output folder and attached to the report.
      const path = testInfo.outputPath(`model-overview-${width}.png`);
      await d.screenshot({ path });
      await testInfo.attach(`model-overview-${width}.png`, { path, contentType: 'image/png' });
    });
  }
});

test.describe('on the layers chapter', () => {
  test.use({ reducedMotion: 'reduce' });

  test('each stage opens its chapter in the same state', async ({ page }) => {
    const TEXT = 'The old man walked to the';
    await page.goto(`/layers/?text=${encodeURIComponent(TEXT)}`);
    const d = overview(page);
    await d.scrollIntoViewIfNeeded();
    await waitForModel(d, TEXT);
    const data = await exported<OverviewExport>(d);
    const T = data.tokens.length;
    const lastId = data.tokens[T - 1].id;
    const state = async (id: string) => Object.fromEntries(new URLSearchParams((await page.locator(`[data-diagram="${id}"]`).first().getAttribute('data-state')) ?? ''));
    const cases: [string, string, string, Record<string, string>][] = [
      ['block-3', '/attention/', 'attention', { text: TEXT, layer: '3', token: String(T) }],
      ['tokens', '/tokenization/', 'tokenizer', { text: TEXT }],
      ['embeddings', '/embeddings/', 'embedding-space', { text: TEXT, token: String(lastId) }],
      ['norm', '/layers/', 'layer-stack', { text: TEXT, token: String(T) }],
      ['probs', '/decoding/', 'generate', { text: TEXT }],
    ];
    const hrefs = Object.fromEntries(await Promise.all(cases.map(async ([stage]) => [stage, (await card(d, stage).getAttribute('href'))!] as const)));
    for (const [stage, route, id, want] of cases) {
      expect(data.stages.find((s) => s.stage === stage)?.link).toBe(hrefs[stage]);
      if (stage === 'block-3') {
        // A real click on the card, as a reader opens it.
        await card(d, stage).click();
        await expect(page).toHaveURL(new RegExp(`${route}\\?`));
      } else {
        await page.goto(hrefs[stage]);
      }
      expect(new URL(page.url()).pathname).toBe(route);
      await expect.poll(async () => (await state(id)).text, { message: `${stage} → ${id}` }).toBe(TEXT);
      expect(await state(id), `${stage} → ${id}`).toMatchObject(want);
    }
  });

  test('arrow keys move between stages, and the size toggle relabels with GPT-3’s shapes', async ({ page }) => {
    await page.goto('/layers/');
    const d = overview(page);
    await d.scrollIntoViewIfNeeded();
    await waitForModel(d, (await exported<OverviewExport>(d)).state.text);
    await card(d, 'next').focus();
    await expect(card(d, 'next')).toHaveAttribute('aria-current', 'step');
    await page.keyboard.press('ArrowLeft');
    await expect(card(d, 'probs')).toHaveAttribute('aria-current', 'step');
    await expect(card(d, 'probs')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(card(d, 'tokens')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(card(d, 'block-1')).toBeFocused();
    await expect(d.locator('.gb-mo-summary')).toContainText('Block 1:');
    await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBe('block-1');

    await expect(face(d, 'block-1').locator('.gb-mo-shape')).toContainText(`${config.n_head} heads`);
    await d.getByLabel('Label the shapes with').selectOption('gpt3');
    await expect(face(d, 'block-1').locator('.gb-mo-shape')).toContainText('96 heads');
    await expect(face(d, 'logits').locator('.gb-mo-shape')).toContainText('50,257');
    await expect(d.locator('.gb-mo-cite')).toContainText('Brown et al. (2020)');
    await expect.poll(async () => (await exported<OverviewExport>(d)).state.size).toBe('gpt3');
    expect(await d.getAttribute('data-link')).toContain('size=gpt3');
  });
});

test('a redraw after a prompt change, or a stage change, stays within a frame (p95 ≤ 16 ms)', async ({ page }) => {
  test.setTimeout(180_000);
  // Motion on: each new pass builds its GSAP timeline inside the measured redraw.
  await page.goto('/embed/model-overview/');
  const d = overview(page);
  await waitForModel(d, (await exported<OverviewExport>(d)).state.text);
  const marks = () => page.evaluate(() => performance.getEntriesByName('glassbox:update:model-overview').map((e) => e.duration));
  await page.evaluate(() => performance.clearMeasures('glassbox:update:model-overview'));
  const prompts = [
    'The dog ran', 'A long time ago', 'It was the best of', 'He said that', 'The river was', 'In the morning the', 'She looked at the',
    'They went to the', 'The king and the', 'Once there lived a', 'I have never seen', 'The sun rose over the', 'My father told me',
    'The ship sailed', 'We walked along the', 'There was a knock at the', 'The old woman', 'After dinner they', 'The bird sang', 'Late that night',
  ];
  for (const text of prompts) {
    await d.getByLabel('Your prompt').fill(text);
    await waitForModel(d, text);
  }
  // Each prompt redraws twice: at once for the new state, then with the new pass.
  const typed = await marks();
  expect(typed.length).toBeGreaterThanOrEqual(prompts.length * 2);
  expect(p95(typed), `redraws after a prompt change (ms): ${typed.map((m) => m.toFixed(1)).join(' ')}`).toBeLessThanOrEqual(16);

  await page.evaluate(() => performance.clearMeasures('glassbox:update:model-overview'));
  const stages = await d.locator('a.gb-mo-stage').all();
  for (let i = 0; i < 24; i++) await stages[i % stages.length].hover();
  const hovered = await marks();
  expect(hovered.length).toBeGreaterThanOrEqual(12);
  expect(p95(hovered), `redraws after a stage change (ms): ${hovered.map((m) => m.toFixed(1)).join(' ')}`).toBeLessThanOrEqual(16);
});
