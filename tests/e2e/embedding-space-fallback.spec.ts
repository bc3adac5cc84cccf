/**
 * The embedding-space diagram where the browser has no WebGL at all (chromium launched with
 * WebGL and every 3D API disabled): the same projection drawn flat on a 2D canvas, with a
 * visible note, and the same interactions as the 3D view.
 */
import { expect, test } from './fixtures';
import { bruteForceNeighbours, exportedSpace, findHoverPoint, pixels, space, waitLive } from './embedding-helpers';

test.use({
  reducedMotion: 'reduce',
  viewport: { width: 1000, height: 900 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-webgl', '--disable-3d-apis', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

test.describe('embedding-space without WebGL', () => {
  test('falls back to a 2D drawing, says so, and has no WebGL to use', async ({ page }) => {
    await page.goto('/embed/embedding-space/');
    expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl'))).toBe(false);
    const diagram = space(page);
    await waitLive(diagram);
    await expect(diagram).toHaveAttribute('data-view', '2d');
    await expect(diagram.locator('[data-role="fallback"]')).toBeVisible();
    await expect(diagram.locator('[data-role="fallback"]')).toContainText('no WebGL');
    expect((await pixels(diagram)).painted).toBeGreaterThan(2000);
  });

  test('drag, keys, click and search work as in 3D', async ({ page, request }) => {
    await page.goto('/embed/embedding-space/');
    const diagram = space(page);
    await waitLive(diagram);
    const stage = diagram.locator('.gb-es-stage');
    const box = (await stage.boundingBox())!;
    const before = await pixels(diagram);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    const dragged = await pixels(diagram);
    expect(dragged.hash).not.toBe(before.hash);
    await expect.poll(async () => (await exportedSpace(diagram)).state.yaw).toBeGreaterThan(30);

    await stage.focus();
    await page.keyboard.press('ArrowDown');
    expect((await pixels(diagram)).hash).not.toBe(dragged.hash);

    const point = await findHoverPoint(page, diagram, stage);
    expect(point).not.toBeNull();
    const hovered = Number(await point!.label.getAttribute('data-token-id'));
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(async () => (await exportedSpace(diagram)).state.token).toBe(hovered);

    await diagram.getByLabel('Find a token').fill('queen');
    await diagram.getByLabel('Find a token').press('Enter');
    await expect.poll(async () => (await exportedSpace(diagram)).token?.text.trim()).toBe('queen');
    const data = await exportedSpace(diagram);
    const reference = await bruteForceNeighbours(request, data.model.id, data.token!.id);
    expect(data.neighbours.map((n) => n.id)).toEqual(reference.map((n) => n.id));
    data.neighbours.forEach((n, i) => expect(Math.abs(n.cosine - reference[i].cosine)).toBeLessThanOrEqual(1e-5));
  });

  test('contextual-path falls back to the flat drawing too, and says so', async ({ page }) => {
    await page.goto('/embed/contextual-path/');
    const diagram = page.locator('[data-diagram="contextual-path"]');
    await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: 60_000 });
    await expect(diagram).toHaveAttribute('data-view', '2d');
    await expect(diagram.locator('[data-role="fallback"]')).toBeVisible();
    expect((await pixels(diagram)).painted).toBeGreaterThan(100);
  });
});
