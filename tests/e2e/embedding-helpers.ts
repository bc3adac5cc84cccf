/**
 * Helpers for the embedding-space specs: read the canvas's pixels, read the exported JSON, and
 * a brute-force cosine search over the shipped wte, written here independently of src/math.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export interface EmbeddingExported {
  state: { text: string; token: number; projection: string; yaw: number; pitch: number; distance: number };
  source: 'example' | 'model';
  model: { id: string; version: string };
  matrix: { rows: number; dims: number };
  projection: { method: string; explainedVariance: number[]; explainedVarianceRatio: number[] };
  token: { id: number; text: string } | null;
  neighbours: { id: number; text: string; cosine: number }[];
  sentence: { index: number; id: number; text: string; position: number[] }[];
}

export function space(page: Page): Locator {
  return page.locator('[data-diagram="embedding-space"]').first();
}

export async function exportedSpace(diagram: Locator): Promise<EmbeddingExported> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as EmbeddingExported;
}

/** Live: the weights are loaded and the reader's text tokenized by the model. */
export async function waitLive(diagram: Locator) {
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: 60_000 });
  await expect(diagram.locator('canvas.gb-es-canvas')).toHaveCount(1);
}

/**
 * Move the mouse over the stage, row by row from the middle outwards, until a point's hover label
 * shows; returns where, and the label. A raster finds a point whatever shape the model's cloud
 * takes (a path tuned to one model's cloud misses another's). Null when nothing is under any cell.
 */
export async function findHoverPoint(page: Page, diagram: Locator, stage: Locator): Promise<{ x: number; y: number; label: Locator } | null> {
  const box = (await stage.boundingBox())!;
  const label = diagram.locator('.gb-es-label--hover');
  for (let r = 0; r < 21; r++) {
    const y = 0.5 + (r % 2 ? 1 : -1) * Math.ceil(r / 2) * 0.03;
    for (let i = 0; i <= 60; i++) {
      const at = { x: box.x + box.width * (0.2 + i / 100), y: box.y + box.height * y };
      await page.mouse.move(at.x, at.y);
      if (await label.count()) return { ...at, label };
    }
  }
  return null;
}

/** How many pixels differ from the top-left pixel (the background), and a hash of all of them. */
export async function pixels(diagram: Locator): Promise<{ painted: number; hash: string; width: number }> {
  // Two frames: the view draws on requestAnimationFrame after a change.
  await diagram.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return diagram.locator('canvas.gb-es-canvas').evaluate((c: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    let h = 2166136261;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2]) painted++;
      h = Math.imul(h ^ (px[i] | (px[i + 1] << 8) | (px[i + 2] << 16)), 16777619);
    }
    return { painted, hash: (h >>> 0).toString(16), width: c.width };
  });
}

/** The 10 nearest rows to `token` by cosine, in float64, over wte fetched from the site. */
export async function bruteForceNeighbours(request: APIRequestContext, modelId: string, token: number, k = 10) {
  const manifest = (await (await request.get(`/models/${modelId}/weights.json`)).json()) as {
    wte: { file: string; scales: string; shape: [number, number] };
  };
  // wte ships as int8 with one float32 scale per row: value = q × scale.
  const q = await (await request.get(`/models/${modelId}/${manifest.wte.file}`)).body();
  const scales = await (await request.get(`/models/${modelId}/${manifest.wte.scales}`)).body();
  const [n, d] = manifest.wte.shape;
  const at = (r: number, c: number) => q.readInt8(r * d + c) * scales.readFloatLE(r * 4);
  const norm = (r: number) => Math.sqrt(Array.from({ length: d }, (_, c) => at(r, c) ** 2).reduce((a, b) => a + b, 0));
  const qn = norm(token);
  const all: { id: number; cosine: number }[] = [];
  for (let r = 0; r < n; r++) {
    if (r === token) continue;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += at(token, c) * at(r, c);
    all.push({ id: r, cosine: dot / (qn * norm(r)) });
  }
  all.sort((a, b) => b.cosine - a.cosine);
  return all.slice(0, k);
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}
