/**
 * The embeddings chapter: its scroll story drives the 3D view, and the positions and
 * contextual-path diagrams go live with the model's own numbers, keep their state in the URL
 * and export what they draw. Runs in the default (no-GPU) browser, so the cloud is the 2D fallback.
 */
import { readFile } from 'node:fs/promises';
import { expect, MODEL_TIMEOUT, test } from './fixtures';
import { exportedSpace, space } from './embedding-helpers';

test.use({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });

const json = async (loc: import('@playwright/test').Locator) => JSON.parse((await loc.locator('[data-export="json"]').textContent()) ?? 'null');

test('scrolling the story selects its tokens in the view, and a link’s own view is kept', async ({ page }) => {
  await page.goto('/embeddings/');
  const view = space(page);
  await page.locator('[data-step="neighbours"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await expect(view).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect.poll(async () => (await exportedSpace(view)).token?.text).toBe(' king');
  await expect(page.locator('[data-step="neighbours"]')).toHaveClass(/is-active/);
  await expect(view.locator('.gb-es-neighbours button')).toHaveCount(10);
  await page.locator('[data-step="directions"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await expect.poll(async () => (await exportedSpace(view)).token?.text).toBe(' queen');
  expect(new URL(page.url()).searchParams.get('yaw')).toBe('-20');

  // A shared link to the chapter shows the linked view, not the first step's.
  await page.goto('/embeddings/?token=101&yaw=45');
  await page.locator('[data-step="row"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await expect(view).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  const state = (await exportedSpace(view)).state;
  expect([state.token, state.yaw]).toEqual([101, 45]);
});

test('positions: sliders redraw, mirror the URL, and the export matches a recomputation from wpe', async ({ page, request }) => {
  await page.goto('/embed/positions/');
  const diagram = page.locator('[data-diagram="positions"]');
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await diagram.getByLabel(/Positions shown/).fill('32');
  await diagram.getByLabel(/Dimensions shown/).fill('16');
  await expect(page).toHaveURL(/positions=32&dims=16/);
  const data = await json(diagram);
  expect(data.state).toEqual({ positions: 32, dims: 16 });
  expect(data.heatmaps.learned).toHaveLength(32);
  expect(data.heatmaps.learned[0]).toHaveLength(16);
  // Recompute the learned curve at Δ = 5 from the shipped file, independently of src/math.
  const manifest = await (await request.get(`/models/${data.model.id}/weights.json`)).json();
  const buf = await (await request.get(`/models/${data.model.id}/${manifest.wpe.file}`)).body();
  const d = manifest.wpe.shape[1];
  const row = (i: number) => Array.from({ length: d }, (_, c) => buf.readFloatLE((i * d + c) * 4));
  const cos = (a: number[], b: number[]) =>
    a.reduce((s, x, i) => s + x * b[i], 0) / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
  let sum = 0;
  for (let i = 0; i + 5 < 32; i++) sum += cos(row(i), row(i + 5));
  expect(Math.abs(data.cosineByDistance.learned[5] - sum / 27)).toBeLessThan(1e-4);
  expect(data.heatmaps.learned[3][7]).toBeCloseTo(row(3)[7], 4);
  await expect(diagram.locator('tbody tr')).toHaveCount(5); // Δ = 1, 2, 4, 8, 16
  const [download] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download image' }).click()]);
  expect(download.suggestedFilename()).toBe('glassbox-positions.svg');
  expect((await readFile(await download.path(), 'utf8')).match(/<image /g)).toHaveLength(2);
});

test('contextual-path: the live model traces the word through every layer, and follows new text', async ({ page, request }) => {
  await page.goto('/embed/contextual-path/');
  const diagram = page.locator('[data-diagram="contextual-path"]');
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  const config = await (await request.get(`/models/${(await json(diagram)).model.id}/config.json`)).json();
  await expect.poll(async () => (await json(diagram)).cosineByLayer.length).toBe(config.n_layer + 1);
  const data = await json(diagram);
  expect(data.a.path).toHaveLength(config.n_layer + 1);
  for (const c of data.cosineByLayer) expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-6);
  await expect(diagram.locator('.gb-cp-pt')).toHaveCount(2 * (config.n_layer + 1));

  await diagram.getByLabel(/Ringed layer/).fill('2');
  await expect(diagram.locator('.gb-cp-cospt.is-selected')).toHaveAttribute('data-layer', '2');
  await expect(page).toHaveURL(/layer=2/);

  await diagram.getByLabel('Text B').fill('The bank was closed on Sunday.');
  await expect.poll(async () => (await json(diagram)).b.text).toBe('The bank was closed on Sunday.');
  await expect(page).toHaveURL(/b=The%20bank%20was%20closed/);
  await diagram.getByLabel('Word to follow (a token of both)').fill('zebra');
  await expect(diagram.locator('.gb-cp-summary')).toContainText('is not one of the tokens');
});
