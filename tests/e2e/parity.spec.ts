import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/**
 * The browser (onnxruntime-web, WASM) computes the same numbers as the Node reference
 * (onnxruntime-node), which the golden test ties to PyTorch: the example data was written
 * by the shipped model in Node, so the live model must reproduce it.
 */
test('the live model in chromium reproduces the Node run of the same model', async ({ page }) => {
  const example = JSON.parse(readFileSync('src/data/examples/next-token.json', 'utf8'));
  await page.goto(`/embed/next-token/?text=${encodeURIComponent(example.text)}`);
  const root = page.locator('[data-diagram="next-token"]');
  await expect(root).toHaveAttribute('data-source', 'model', { timeout: 60_000 });
  const live = JSON.parse((await root.locator('[data-export="json"]').first().textContent()) ?? '{}');
  expect(live.model.version).toBe(example.model.version);
  expect(live.tokens.map((t: { id: number }) => t.id)).toEqual(example.tokens.map((t: { id: number }) => t.id));
  expect(live.top.map((t: { id: number }) => t.id)).toEqual(example.top.map((t: { id: number }) => t.id));
  live.top.forEach((t: { p: number }, i: number) => expect(Math.abs(t.p - example.top[i].p)).toBeLessThan(1e-4));
});
