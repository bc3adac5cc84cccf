/**
 * The MLP-neuron view on the built site: its live numbers against an independent
 * onnxruntime-node run (mlp_activations of the shipped file), choosing a neuron by pointer and
 * keyboard, and its sample hits against the precomputed file (itself checked against the model
 * by tests/unit/layers/examples.test.ts).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { config, exported, runOnnx, waitForModel } from './layers-lib';

test.use({ reducedMotion: 'reduce' });

interface NeuronsExport {
  state: { text: string; layer: number; neuron: number };
  source: 'example' | 'model';
  tokens: { id: number; text: string }[];
  layer: number;
  neurons: { neuron: number; max: number; acts: number[] }[];
  neuron: { neuron: number; acts: number[] };
  sample: { source: string; hits: { passage: string; position: number; token: string; activation: number }[] };
}

const TEXT = 'The soup was hot, so she waited for ten minutes.';
const sample = JSON.parse(readFileSync('src/data/examples/mlp-neurons-sample.json', 'utf8')) as {
  source: string;
  passages: { title: string; tokens: string[] }[];
  top: [number, number, number][][][];
};

test('the strongest neurons of a layer are the model’s, and each neuron shows its sample hits', async ({ page }) => {
  await page.goto(`/embed/mlp-neurons/?text=${encodeURIComponent(TEXT)}&layer=3`);
  const d = page.locator('[data-diagram="mlp-neurons"]');
  await waitForModel(d, TEXT);
  const data = await exported<NeuronsExport>(d);
  const run = await runOnnx(data.tokens.map((t) => t.id));
  const W = 4 * config.n_embd;
  const { T } = run;
  const l = 2;
  const at = (t: number, n: number) => run.acts[(l * T + t) * W + n];
  const best = Array.from({ length: W }, (_, n) => Math.max(...Array.from({ length: T }, (_, t) => at(t, n))));
  const order = [...best.keys()].sort((a, b) => best[b] - best[a] || a - b);
  expect(data.layer).toBe(3);
  expect(data.neurons.length).toBeGreaterThanOrEqual(5);
  data.neurons.forEach((r, i) => {
    expect(Math.abs(r.max - best[order[i]]), `rank ${i + 1}`).toBeLessThanOrEqual(1e-3);
    r.acts.forEach((a, t) => expect(Math.abs(a - at(t, r.neuron))).toBeLessThanOrEqual(1e-3));
  });
  expect(data.neuron.neuron).toBe(data.neurons[0].neuron);
  const hits = sample.top[l][data.neuron.neuron];
  expect(data.sample.source).toBe(sample.source);
  expect(data.sample.hits.map((h) => [h.token, h.activation])).toEqual(hits.map(([p, pos, a]) => [sample.passages[p].tokens[pos], a]));
  await expect(d.locator('.gb-mn-sample li')).toHaveCount(hits.length);

  // Pointer and keyboard choose a neuron; the sample list follows.
  const rows = d.locator('.gb-mn-row');
  await rows.nth(2).hover();
  await expect.poll(async () => (await exported<NeuronsExport>(d)).state.neuron).toBe(data.neurons[2].neuron);
  await page.mouse.move(0, 0);
  await d.locator('.gb-mn-row.is-selected').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await exported<NeuronsExport>(d)).state.neuron).toBe(data.neurons[3].neuron);
  const after = await exported<NeuronsExport>(d);
  expect(after.sample.hits.map((h) => h.activation)).toEqual(sample.top[l][data.neurons[3].neuron].map((h) => h[2]));
  await expect(page).toHaveURL(new RegExp(`neuron=${data.neurons[3].neuron}`));
  await expect(d.locator('.gb-mn-sample mark').first()).toHaveText(after.sample.hits[0].token);
});
