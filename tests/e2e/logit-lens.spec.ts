/**
 * The logit lens on the built site: its export checked against an independent onnxruntime-node
 * run of the shipped file (the model's own logits for the last row, a float64 lens from
 * hidden_states and the side files for every other row), hover, keyboard, the link and the
 * image export.
 */
import { readFile } from 'node:fs/promises';
import { expect, modelPin, test } from './fixtures';
import { config, exported, lensProbs, p95, runOnnx, softmax64, top, waitForModel } from './layers-lib';

test.use({ reducedMotion: 'reduce' });

interface LensExport {
  state: { text: string; token: number; lens: number };
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  lens: { id: number; text: string; p: number }[][][];
}

const TEXT = 'The dog chased the ball until it was lost.';

test('the exported lens is the model’s output on the last row (1e-4) and an independent lens elsewhere (1e-3)', async ({ page }) => {
  await page.goto(`/embed/logit-lens/?text=${encodeURIComponent(TEXT)}`);
  const d = page.locator('[data-diagram="logit-lens"]');
  await waitForModel(d, TEXT);
  const data = await exported<LensExport>(d);
  const T = data.tokens.length;
  const L1 = config.n_layer + 1;
  expect(data.lens).toHaveLength(L1);
  const run = await runOnnx(data.tokens.map((t) => t.id));
  const V = config.vocab_size;
  const dm = config.n_embd;
  for (let t = 0; t < T; t++) {
    const want = top(softmax64(run.logits.subarray(t * V, (t + 1) * V)), 5);
    const got = data.lens[L1 - 1][t];
    expect(got.map((e) => e.id), `output row, token ${t + 1}`).toEqual(want.map((e) => e.id));
    got.forEach((e, i) => expect(Math.abs(e.p - want[i].p), `output row, token ${t + 1}, rank ${i + 1}`).toBeLessThanOrEqual(1e-4));
  }
  for (let l = 0; l < L1 - 1; l++) {
    for (let t = 0; t < T; t++) {
      const o = (l * T + t) * dm;
      const want = top(lensProbs(run.hidden.subarray(o, o + dm)), 5);
      const got = data.lens[l][t];
      expect(got).toHaveLength(5);
      got.forEach((e, i) => {
        expect(Math.abs(e.p - want[i].p), `row ${l}, token ${t + 1}, rank ${i + 1}`).toBeLessThanOrEqual(1e-3);
        // Ids must agree wherever the reference's neighbours are not a near-tie.
        const gapBefore = i === 0 ? 1 : want[i - 1].p - want[i].p;
        const gapAfter = i === 4 ? 1 : want[i].p - want[i + 1].p;
        if (gapBefore > 1e-3 && gapAfter > 1e-3) expect(e.id, `row ${l}, token ${t + 1}, rank ${i + 1}`).toBe(want[i].id);
      });
    }
  }
  // What is drawn is what is exported: the selected cell's top 5 list and every cell's label.
  const cells = d.locator('.gb-ll-cell');
  await expect(cells).toHaveCount(L1 * T);
  const listed = await d.locator('.gb-ll-top-list li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-token-id'))));
  expect(listed).toEqual(data.lens[data.state.lens][data.state.token - 1].map((e) => e.id));
});

test('hover, tap and arrow keys pick a cell; the state follows in the URL and a copied link reproduces it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/layers/?text=${encodeURIComponent(TEXT)}`);
  const d = page.locator('[data-diagram="logit-lens"]');
  await d.scrollIntoViewIfNeeded();
  await waitForModel(d, TEXT);
  await d.locator('.gb-ll-cell[data-layer="2"][data-token="3"]').hover();
  await expect(d.locator('.gb-ll-cell.is-selected')).toHaveAttribute('data-token', '3');
  let data = await exported<LensExport>(d);
  await expect.poll(async () => (await exported<LensExport>(d)).state).toEqual({ text: TEXT, token: 3, lens: 2 });
  data = await exported<LensExport>(d);
  const list = d.locator('.gb-ll-top-list li');
  await expect(list).toHaveCount(5);
  expect(await list.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-token-id'))))).toEqual(data.lens[2][2].map((e) => e.id));

  await d.locator('.gb-ll-cell.is-selected').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect(d.locator('.gb-ll-cell.is-selected')).toHaveAttribute('data-layer', '3');
  await expect(d.locator('.gb-ll-cell.is-selected')).toHaveAttribute('data-token', '4');
  await expect(d.locator('.gb-ll-cell:focus')).toHaveAttribute('data-token', '4');
  await expect(page).toHaveURL(/lens=3/);

  await d.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // Copied links hold the full state and name the model (links.spec.ts).
  expect(link).toBe(`${baseURL}/layers/?text=${encodeURIComponent(TEXT)}&token=4&lens=3&model=${await modelPin(d)}`);
  await page.goto(link);
  const again = page.locator('[data-diagram="logit-lens"]');
  await again.scrollIntoViewIfNeeded();
  await waitForModel(again, TEXT);
  await expect(again.locator('.gb-ll-cell.is-selected')).toHaveAttribute('data-layer', '3');
  await expect(again.locator('.gb-ll-cell.is-selected')).toHaveAttribute('data-token', '4');

  // Hover redraws stay within a frame.
  await page.evaluate(() => performance.clearMeasures('glassbox:update:logit-lens'));
  const n = (await exported<LensExport>(again)).tokens.length;
  for (let i = 0; i < 40; i++) await again.locator(`.gb-ll-cell[data-layer="${i % (config.n_layer + 1)}"][data-token="${(i % n) + 1}"]`).hover();
  const ms = await page.evaluate(() => performance.getEntriesByName('glassbox:update:logit-lens').map((e) => e.duration));
  expect(ms.length).toBeGreaterThanOrEqual(20);
  expect(p95(ms)).toBeLessThanOrEqual(16);
});

test('Download data and Download image give the export and a standalone SVG of the grid', async ({ page }) => {
  await page.goto(`/embed/logit-lens/?text=${encodeURIComponent(TEXT)}&lens=1`);
  const d = page.locator('[data-diagram="logit-lens"]');
  await waitForModel(d, TEXT);
  const data = await exported<LensExport>(d);
  const [json] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
  expect(json.suggestedFilename()).toBe('glassbox-logit-lens.json');
  expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toEqual(data);
  const [img] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download image' }).click()]);
  expect(img.suggestedFilename()).toBe('glassbox-logit-lens.svg');
  const svg = await readFile(await img.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg.match(/class="gb-ll-cell/g)).toHaveLength((config.n_layer + 1) * data.tokens.length);
});
