/**
 * The embedding-space diagram with real WebGL: headless chromium on SwiftShader (a CPU
 * implementation of WebGL), so the 3D path is what these tests exercise. The no-WebGL fallback
 * has its own spec (embedding-space-fallback.spec.ts).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { bruteForceNeighbours, exportedSpace, findHoverPoint, p95, pixels, space, waitLive } from './embedding-helpers';

test.use({
  reducedMotion: 'reduce',
  viewport: { width: 1000, height: 900 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

const EMBED = '/embed/embedding-space/';

test.describe('embedding-space in WebGL', () => {
  test('draws the whole vocabulary: non-blank pixels in a WebGL canvas', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    await expect(diagram).toHaveAttribute('data-view', 'webgl');
    await expect(diagram.locator('[data-role="fallback"]')).toBeHidden();
    const data = await exportedSpace(diagram);
    const { painted, width } = await pixels(diagram);
    expect(width).toBeGreaterThan(100);
    expect(painted).toBeGreaterThan(2000);
    expect(data.projection.method).toBe('pca');
    expect(data.projection.explainedVarianceRatio).toHaveLength(3);
    expect(data.sentence.map((t) => t.text).join('')).toBe(data.state.text);
  });

  test('orbiting by mouse and by keyboard changes the view and the link', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    const before = await pixels(diagram);
    const stage = diagram.locator('.gb-es-stage');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 8 });
    await page.mouse.up();
    const dragged = await pixels(diagram);
    expect(dragged.hash).not.toBe(before.hash);
    await expect.poll(async () => (await exportedSpace(diagram)).state.yaw).not.toBe(30);
    expect(new URL(page.url()).searchParams.get('yaw')).not.toBeNull();

    await stage.focus();
    const yaw = (await exportedSpace(diagram)).state.yaw;
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('+');
    const keyed = await pixels(diagram);
    expect(keyed.hash).not.toBe(dragged.hash);
    await expect.poll(async () => (await exportedSpace(diagram)).state.yaw).toBeCloseTo(yaw + 5, 5);
  });

  test('a copied link reproduces the camera', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    await diagram.locator('.gb-es-stage').focus();
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown', '-', 'ArrowRight']) await page.keyboard.press(key);
    await expect.poll(async () => (await exportedSpace(diagram)).state.yaw).toBe(15);
    const shown = await pixels(diagram);
    await diagram.getByRole('button', { name: 'Copy embed code' }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    const src = code.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    expect(src).toContain('yaw=15');
    await diagram.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${baseURL}/embeddings/?`)).toBe(true);

    const again = await context.newPage();
    await again.setViewportSize({ width: 1000, height: 900 });
    await again.goto(src);
    const copy = space(again);
    await waitLive(copy);
    const a = await exportedSpace(diagram);
    const b = await exportedSpace(copy);
    expect(b.state).toEqual(a.state);
    expect((await pixels(copy)).hash).toBe(shown.hash);
    await again.close();
  });

  test('search flies to a token; its neighbours equal a brute-force cosine search over wte', async ({ page, request }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    await diagram.getByLabel('Find a token').fill('king');
    await diagram.getByRole('button', { name: 'Fly to it' }).click();
    await expect.poll(async () => (await exportedSpace(diagram)).neighbours.length).toBe(10);
    const data = await exportedSpace(diagram);
    expect(data.token?.text.trim().toLowerCase()).toBe('king');
    const reference = await bruteForceNeighbours(request, data.model.id, data.token!.id);
    expect(data.neighbours.map((n) => n.id)).toEqual(reference.map((n) => n.id));
    data.neighbours.forEach((n, i) => expect(Math.abs(n.cosine - reference[i].cosine)).toBeLessThanOrEqual(1e-5));
    // The text alternative lists the same neighbours.
    await diagram.locator('details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const rows = await diagram.locator('table', { hasText: 'Nearest neighbours' }).locator('tbody tr td:nth-child(3)').allTextContents();
    expect(rows.map(Number)).toEqual(reference.map((n) => n.id));
    expect(new URL(page.url()).searchParams.get('token')).toBe(String(data.token!.id));
  });

  test('clicking a point selects it, and its label appears', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    const stage = diagram.locator('.gb-es-stage');
    const point = await findHoverPoint(page, diagram, stage);
    expect(point).not.toBeNull();
    const hovered = await point!.label.getAttribute('data-token-id');
    expect(hovered).not.toBeNull();
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await exportedSpace(diagram)).state.token).toBe(Number(hovered));
    await expect(diagram.locator('.gb-es-neighbours button')).toHaveCount(10);
  });

  test('a hover redraw with every vocabulary point stays within one frame (p95 ≤ 16 ms)', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    const box = (await diagram.locator('.gb-es-stage').boundingBox())!;
    await page.evaluate(() => performance.clearMeasures('glassbox:update:embedding-space'));
    // A raster over the middle of the stage: it crosses the cloud many times whatever shape the
    // model's embeddings give it (a path tuned to one model's cloud would miss another's).
    for (let row = 0; row < 10; row++) {
      for (let i = 0; i < 20; i++) {
        const x = row % 2 ? 0.85 - (0.7 * i) / 19 : 0.15 + (0.7 * i) / 19;
        await page.mouse.move(box.x + box.width * x, box.y + box.height * (0.25 + (0.5 * row) / 9));
      }
    }
    const ms = await page.evaluate(() => performance.getEntriesByName('glassbox:update:embedding-space').map((e) => e.duration));
    expect(ms.length).toBeGreaterThan(20);
    expect(p95(ms)).toBeLessThanOrEqual(16);
  });

  test('Download image gives a PNG of the view', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = space(page);
    await waitLive(diagram);
    const [download] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download image' }).click()]);
    expect(download.suggestedFilename()).toBe('glassbox-embedding-space.png');
    const png = await readFile(await download.path());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(5000);
  });
});

test.describe('embedding-space by touch', () => {
  test.use({ hasTouch: true });

  test('a tap selects the point under the finger', async ({ page }) => {
    await page.goto('/embed/embedding-space/?distance=1.5');
    const diagram = space(page);
    await waitLive(diagram);
    const box = (await diagram.locator('.gb-es-stage').boundingBox())!;
    // Find a point's screen position through the hover label a mouse would get, then tap there.
    const at = await findHoverPoint(page, diagram, diagram.locator('.gb-es-stage'));
    expect(at).not.toBeNull();
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.touchscreen.tap(at!.x, at!.y);
    await expect.poll(async () => (await exportedSpace(diagram)).state.token).toBeGreaterThanOrEqual(0);
    await expect(diagram.locator('.gb-es-neighbours button')).toHaveCount(10);
  });
});

test.describe('contextual-path in WebGL', () => {
  test('draws both paths in 3D, turns by keyboard, and a click rings a layer', async ({ page }) => {
    await page.goto('/embed/contextual-path/');
    const diagram = page.locator('[data-diagram="contextual-path"]');
    await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: 60_000 });
    await expect(diagram).toHaveAttribute('data-view', 'webgl');
    const canvas = diagram.locator('canvas.gb-es-canvas');
    const before = await pixels(diagram);
    expect(before.painted).toBeGreaterThan(100);
    await diagram.locator('.gb-es-stage').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/yaw=35/);
    expect((await pixels(diagram)).hash).not.toBe(before.hash);
    // Hover until a path point is under the pointer, then click it: its layer is ringed.
    const box = (await canvas.boundingBox())!;
    let label: string | null = null;
    for (let y = 0.2; y < 0.8 && !label; y += 0.03) {
      for (let x = 0.2; x < 0.8 && !label; x += 0.01) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
        if (await diagram.locator('.gb-es-label--hover').count()) label = await diagram.locator('.gb-es-label--hover').textContent();
      }
    }
    expect(label).toMatch(/^[AB]\d$/);
    await page.mouse.down();
    await page.mouse.up();
    await expect(diagram.getByLabel(/Ringed layer/)).toHaveValue(label!.slice(1));
  });
});
