/**
 * The layer stack on the built site, in headless chromium with SwiftShader (WebGL on the CPU):
 * the 3D view renders, its exported contributions match an independent onnxruntime-node run of
 * the shipped file and obey the residual identity, a copied link reproduces the view, a layer
 * opens its heads in the attention chapter, hover redraws stay within a frame, the PNG export,
 * and the 2D fallback without WebGL.
 */
import { readFile } from 'node:fs/promises';
import { expect, modelPin, test } from './fixtures';
import { config, exported, p95, runOnnx, waitForModel } from './layers-lib';

// The default config passes --disable-gpu; SwiftShader gives this file a (software) WebGL.
test.use({
  reducedMotion: 'reduce',
  launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] },
});

interface StackExport {
  state: { text: string; token: number; layer: number };
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  tokens: { id: number; text: string }[];
  contributions: { layer: number; attn_norm: number; mlp_norm: number; resid_norm: number; out_norm: number }[];
}

const TEXT = 'The dog chased the ball until it was lost.';
const len = (a: Float32Array, o: number, d: number) => Math.hypot(...a.subarray(o, o + d));

test('the 3D stack renders with WebGL, and its contributions are the model’s (1e-3) and add up', async ({ page }) => {
  await page.goto(`/embed/layer-stack/?text=${encodeURIComponent(TEXT)}&token=7`);
  const d = page.locator('[data-diagram="layer-stack"]');
  await waitForModel(d, TEXT);
  await expect(d).toHaveAttribute('data-renderer', 'webgl');
  const lit = await d.locator('canvas.gb-ls-canvas').evaluate((c: HTMLCanvasElement) => {
    const g = document.createElement('canvas');
    g.width = c.width;
    g.height = c.height;
    const x = g.getContext('2d') as CanvasRenderingContext2D;
    x.drawImage(c, 0, 0);
    const px = x.getImageData(0, 0, g.width, g.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
    return n / (px.length / 4);
  });
  expect(lit, 'share of canvas pixels drawn').toBeGreaterThan(0.02);

  const data = await exported<StackExport>(d);
  expect(data.state).toEqual({ text: TEXT, token: 7, layer: 1 });
  const run = await runOnnx(data.tokens.map((t) => t.id));
  const { T } = run;
  const dm = config.n_embd;
  const t = 6;
  expect(data.contributions).toHaveLength(config.n_layer);
  data.contributions.forEach((c, l) => {
    expect(c.layer).toBe(l + 1);
    expect(Math.abs(c.attn_norm - len(run.attn, (l * T + t) * dm, dm))).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(c.mlp_norm - len(run.mlp, (l * T + t) * dm, dm))).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(c.resid_norm - len(run.hidden, (l * T + t) * dm, dm))).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(c.out_norm - len(run.hidden, ((l + 1) * T + t) * dm, dm))).toBeLessThanOrEqual(1e-3);
    // hidden[l+1] = hidden[l] + attn_output[l] + mlp_output[l], element by element.
    let worst = 0;
    for (let i = 0; i < dm; i++) {
      const o = (l * T + t) * dm + i;
      worst = Math.max(worst, Math.abs(run.hidden[((l + 1) * T + t) * dm + i] - (run.hidden[o] + run.attn[o] + run.mlp[o])));
    }
    expect(worst, `layer ${l + 1}`).toBeLessThanOrEqual(1e-3);
  });
  // What the read-out and table show is what is exported.
  const cells = await d.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  expect(cells).toEqual(data.contributions.map((c) => [String(c.layer), ...[c.attn_norm, c.mlp_norm, c.resid_norm, c.out_norm].map((v) => v.toFixed(2))]));
});

test('hover redraws stay within a frame, a copied link reproduces the view, and a layer opens its heads', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/layers/?text=${encodeURIComponent(TEXT)}`);
  const d = page.locator('[data-diagram="layer-stack"]');
  await d.scrollIntoViewIfNeeded();
  await waitForModel(d, TEXT);
  await expect(d).toHaveAttribute('data-renderer', 'webgl');
  await page.evaluate(() => performance.clearMeasures('glassbox:update:layer-stack'));
  const tokens = d.locator('.gb-ls-token');
  const links = d.locator('.gb-ls-links a');
  const n = await tokens.count();
  for (let i = 0; i < 24; i++) {
    await tokens.nth(i % n).hover();
    await links.nth(i % config.n_layer).hover();
  }
  const ms = await page.evaluate(() => performance.getEntriesByName('glassbox:update:layer-stack').map((e) => e.duration));
  console.log(`glassbox:update:layer-stack over ${ms.length} hovers: p95 ${p95(ms).toFixed(2)} ms`);
  expect(ms.length).toBeGreaterThanOrEqual(30);
  expect(p95(ms)).toBeLessThanOrEqual(16);

  // Keyboard only from here: a resting pointer would pick whatever scrolls under it.
  await page.mouse.move(0, 0);
  await tokens.nth(3).focus();
  await expect(d.locator('.gb-ls-token[aria-selected="true"]')).toHaveAttribute('data-token', '4');
  await page.keyboard.press('ArrowRight');
  await expect(d.locator('.gb-ls-token[aria-selected="true"]')).toHaveAttribute('data-token', '5');
  await links.nth(2).focus();
  await expect.poll(async () => (await exported<StackExport>(d)).state).toEqual({ text: TEXT, token: 5, layer: 3 });
  await d.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // Copied links hold the full state and name the model (links.spec.ts).
  expect(link).toBe(`${baseURL}/layers/?text=${encodeURIComponent(TEXT)}&token=5&layer=3&model=${await modelPin(d)}`);

  await page.goto(link);
  const again = page.locator('[data-diagram="layer-stack"]');
  await again.scrollIntoViewIfNeeded();
  await waitForModel(again, TEXT);
  await expect(again.locator('.gb-ls-token[aria-selected="true"]')).toHaveAttribute('data-token', '5');
  await expect(again.locator('.gb-ls-links li.is-selected a')).toHaveAttribute('data-layer', '2');
  const shown = await exported<StackExport>(again);
  expect(shown.contributions[2].attn_norm).toBeGreaterThan(0);
  await expect(again.locator('.gb-lay-readout')).toContainText(`Layer 3: attention adds a vector of length ${shown.contributions[2].attn_norm.toFixed(2)}`);

  await again.locator('.gb-ls-links a').nth(2).click();
  await expect(page).toHaveURL(/\/attention\/\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('layer')).toBe('3');
  expect(url.searchParams.get('token')).toBe('5');
  expect(url.searchParams.get('text')).toBe(TEXT);
  await expect(page.locator('[data-diagram="attention"] select[data-role="layer"]')).toHaveValue('3');
});

test('Download image gives a PNG of the 3D view; Download data the export', async ({ page }) => {
  await page.goto(`/embed/layer-stack/?text=${encodeURIComponent(TEXT)}`);
  const d = page.locator('[data-diagram="layer-stack"]');
  await waitForModel(d, TEXT);
  const [img] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download image' }).click()]);
  expect(img.suggestedFilename()).toBe('glassbox-layer-stack.png');
  const png = await readFile(await img.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const data = await exported<StackExport>(d);
  const [json] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download data' }).click()]);
  expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toEqual(data);
});

test('without WebGL it falls back to the 2D view, with the same numbers and an SVG export', async ({ page }) => {
  await page.addInitScript(() => {
    const get = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      return /webgl/.test(kind) ? null : (get as (...a: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
    } as typeof get;
  });
  await page.goto(`/embed/layer-stack/?text=${encodeURIComponent(TEXT)}&token=2&layer=4`);
  const d = page.locator('[data-diagram="layer-stack"]');
  await waitForModel(d, TEXT);
  await expect(d).toHaveAttribute('data-renderer', '2d');
  await expect(d.locator('canvas')).toHaveCount(0);
  await expect(d.locator('.gb-ls-row')).toHaveCount(config.n_layer);
  await expect(d.locator('.gb-ls-row.is-selected')).toHaveAttribute('data-layer', '3');
  await d.locator('.gb-ls-row[data-layer="1"]').hover();
  await expect.poll(async () => (await exported<StackExport>(d)).state.layer).toBe(2);
  const [img] = await Promise.all([page.waitForEvent('download'), d.getByRole('button', { name: 'Download image' }).click()]);
  expect(img.suggestedFilename()).toBe('glassbox-layer-stack.svg');
});

test('in 3D, moving over the slabs picks their layers and a click opens the attention heads; axe finds nothing', async ({ page }) => {
  await page.goto(`/embed/layer-stack/?text=${encodeURIComponent(TEXT)}`);
  const d = page.locator('[data-diagram="layer-stack"]');
  await waitForModel(d, TEXT);
  const box = (await d.locator('canvas.gb-ls-canvas').boundingBox())!;
  const layerNow = () => page.evaluate(() => (document.querySelector('[data-diagram="layer-stack"]') as HTMLElement & { value: { layer: number } }).value.layer);
  // The canvas shows a pointer cursor exactly while the pointer is over a slab or its bars.
  const onTarget = () => d.locator('canvas.gb-ls-canvas').evaluate((c) => c.style.cursor === 'pointer');
  const x = box.x + box.width * 0.45;
  const samples: { y: number; layer: number; hit: boolean }[] = [];
  for (let i = 0; i <= 40; i++) {
    const y = box.y + (box.height * i) / 40;
    await page.mouse.move(x, y);
    samples.push({ y, layer: await layerNow(), hit: await onTarget() });
  }
  const hits = samples.filter((s) => s.hit);
  expect(new Set(hits.map((s) => s.layer)).size, `layers picked by the pointer: ${hits.map((s) => s.layer).join(', ')}`).toBeGreaterThanOrEqual(config.n_layer - 2);
  // A point well inside one layer's target: a hit with hits on the same layer either side.
  const inside = samples.find((s, i) => s.hit && samples[i - 1]?.hit && samples[i + 1]?.hit && samples[i - 1].layer === s.layer && samples[i + 1].layer === s.layer)!;
  await page.mouse.move(x, inside.y);
  await page.mouse.click(x, inside.y);
  await expect(page).toHaveURL(/\/attention\/\?/);
  expect(new URL(page.url()).searchParams.get('layer') ?? '1').toBe(String(inside.layer));

  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await page.goto(`/embed/layer-stack/?text=${encodeURIComponent(TEXT)}`);
  await waitForModel(page.locator('[data-diagram="layer-stack"]'), TEXT);
  await page.locator('details').evaluateAll((ds) => ds.forEach((x) => ((x as HTMLDetailsElement).open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
