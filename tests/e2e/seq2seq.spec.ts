/**
 * The seq2seq diagram on the built site: glassbox-seq2seq runs in the page's worker, and what it
 * exports must be what an independent onnxruntime-node greedy decode (no transformers.js, no
 * cache) gives for the same dates; cross-attention rows sum to 1; the state round-trips through
 * the URL; the keyboard moves the step; the model is fetched only near the diagram; a 360 px
 * screen does not scroll sideways.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import type { Seq2SeqExport } from '../../src/diagrams/seq2seq/build';
import { MODELS_DIR, nodeTokenizer } from '../../src/model/node';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const ID = 'glassbox-seq2seq';
const config = JSON.parse(readFileSync(`${MODELS_DIR}/${ID}/config.json`, 'utf8'));
const tokenizer = nodeTokenizer();

/** Greedy decoding on onnxruntime-node alone, as tests/unit/model/companions.model.test.ts does. */
async function ortGreedy(src: number[]): Promise<number[]> {
  const dir = `${MODELS_DIR}/${ID}/onnx`;
  const opts = { graphOptimizationLevel: 'basic' as const };
  const e = await ort.InferenceSession.create(`${dir}/encoder_model_quantized.onnx`, opts);
  const d = await ort.InferenceSession.create(`${dir}/decoder_model_merged_quantized.onnx`, opts);
  const i64 = (a: number[]) => new ort.Tensor('int64', BigInt64Array.from(a, BigInt), [1, a.length]);
  const mask = i64(src.map(() => 1));
  const h = (await e.run({ input_ids: i64(src), attention_mask: mask })).last_hidden_state;
  const H = config.decoder_attention_heads;
  const dh = config.d_model / H;
  const seq = [config.decoder_start_token_id as number];
  for (let step = 0; step < 16; step++) {
    const feeds: Record<string, ort.Tensor> = { input_ids: i64(seq), encoder_attention_mask: mask, encoder_hidden_states: h };
    for (let l = 0; l < config.decoder_layers; l++)
      for (const kv of ['key', 'value']) feeds[`past_key_values.${l}.decoder.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, dh]);
    const logits = (await d.run(feeds)).logits;
    const V = logits.dims[2];
    const last = (logits.data as Float32Array).subarray((seq.length - 1) * V, seq.length * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    if (best === config.eos_token_id) break;
    seq.push(best);
  }
  return seq.slice(1);
}

const by = (page: Page) => page.locator('[data-diagram="seq2seq"]');

async function exportOf(diagram: Locator): Promise<Seq2SeqExport> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as Seq2SeqExport;
}

/** The live export once it is for `text`. */
async function live(diagram: Locator, text: string): Promise<Seq2SeqExport> {
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect.poll(async () => (await exportOf(diagram)).text, { timeout: MODEL_TIMEOUT }).toBe(text);
  return exportOf(diagram);
}

test('live data arrives and matches an independent onnxruntime greedy decode for typed dates', async ({ page }) => {
  await page.goto('/embed/seq2seq/');
  const diagram = by(page);
  await expect(diagram.locator('[data-role="source"]')).toContainText('Example');
  const first = await live(diagram, 'the 14th of February, 1894');
  expect(first.source).toBe('model');
  expect(first.model.id).toBe(ID);
  // Written for this test, not training pairs or golden texts.
  for (const text of ['Friday, June 9, 1871', 'the 23rd of October, 2101', '5 January 1650']) {
    await diagram.getByLabel('A date, as people write it').fill(text);
    const data = await live(diagram, text);
    const src = (await tokenizer.encode(text)).tokens.map((t) => t.id);
    expect(data.sourceTokens.map((t) => t.id), text).toEqual(src);
    expect(data.outputTokens.map((t) => t.id), text).toEqual(await ortGreedy(src));
    expect(data.greedy).toBe(data.outputTokens.map((t) => t.text).join(''));
    expect(data.crossAttentions).toHaveLength(data.outputTokens.length + 1);
    for (const row of data.crossAttentions) {
      expect(row).toHaveLength(src.length);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
    }
    await expect(diagram.locator('.gb-s2s-cells rect')).toHaveCount((data.outputTokens.length + 1) * src.length);
  }
});

test('the state round-trips through the URL', async ({ page }) => {
  const text = 'the 2nd of April, 1990';
  await page.goto(`/embed/seq2seq/?text=${encodeURIComponent(text)}&layer=2&head=3&step=4&attn=cross`);
  const diagram = by(page);
  const data = await live(diagram, text);
  expect(data.state).toEqual({ text, attn: 'cross', layer: 2, head: 3, step: 4 });
  expect(data.step).toBe(4);
  expect(data.shown.weights).toHaveLength(5);
  await expect(diagram.locator('[data-role="layer"]')).toHaveValue('2');
  await expect(diagram.locator('[data-role="head"]')).toHaveValue('3');
  await expect(diagram.locator('[data-role="slider"]')).toHaveValue('4');
  await expect(diagram.locator('.gb-s2s-tok')).toHaveCount(4);
  await diagram.locator('[data-role="attn"]').selectOption('decoder');
  await diagram.locator('[data-role="head"]').selectOption('0');
  await expect(page).toHaveURL(/attn=decoder/);
  await expect(page).toHaveURL(/head=0/);
  expect((await exportOf(diagram)).shown.view).toBe('decoder');
  await page.reload();
  await live(diagram, text);
  expect((await exportOf(diagram)).state).toEqual({ text, attn: 'decoder', layer: 2, head: 0, step: 4 });
  await expect(diagram.locator('rect.gb-s2s-masked')).not.toHaveCount(0);
});

test('keyboard: ↑ ↓ on the rows move the step, ← → read weights, the buttons step and Play runs to the end', async ({ page }) => {
  await page.goto('/embed/seq2seq/?step=3');
  const diagram = by(page);
  const data = await live(diagram, 'the 14th of February, 1894');
  await diagram.locator('.gb-s2s-r.is-selected').focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await exportOf(diagram)).state.step).toBe(2);
  await expect(diagram.locator('.gb-s2s-r.is-selected')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(diagram.locator('.gb-s2s-readout')).toContainText('(column 1)');
  await page.keyboard.press('End');
  await expect.poll(async () => (await exportOf(diagram)).step).toBe(data.outputTokens.length);
  await diagram.getByRole('button', { name: 'Step back' }).click();
  await expect.poll(async () => (await exportOf(diagram)).step).toBe(data.outputTokens.length - 1);
  // Reduced motion: Play jumps to the last step.
  await diagram.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await exportOf(diagram)).step).toBe(data.outputTokens.length);
  await expect(diagram.locator('[data-token]').first()).toHaveAttribute('data-token', '1');
});

test('glassbox-seq2seq is fetched only where a diagram that uses it nears the viewport', async ({ page }) => {
  const asked: string[] = [];
  page.context().on('request', (r) => {
    if (r.url().includes(`/models/${ID}/`)) asked.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  // A chapter with live GPT diagrams but none that uses the encoder-decoder. (On /architectures/,
  // attention-masks near the top also uses it; its own spec checks laziness on the gallery.)
  await page.goto('/abilities/');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  expect(asked).toEqual([]);
  await page.goto('/architectures/');
  const diagram = by(page);
  await diagram.scrollIntoViewIfNeeded();
  await live(diagram, 'the 14th of February, 1894');
  expect(asked.some((u) => u.endsWith('.onnx'))).toBe(true);
});

test('nothing overflows a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const route of ['/embed/seq2seq/', '/architectures/']) {
    await page.goto(route);
    const diagram = by(page);
    await diagram.scrollIntoViewIfNeeded();
    await live(diagram, 'the 14th of February, 1894');
    // The diagram's own boxes (a wide table scrolls inside its wrapper, which is inside the screen).
    const right = await diagram.evaluate((el) =>
      Math.max(...[el, ...el.querySelectorAll('*')].filter((e) => !e.closest('.gb-s2s-scroll') && !e.closest('details:not([open])')).map((e) => e.getBoundingClientRect().right)),
    );
    expect(right, route).toBeLessThanOrEqual(360);
    if (route.startsWith('/embed/')) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, route).toBeLessThanOrEqual(0);
    }
  }
});

test.describe('with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('Play steps through the output on its timeline, Pause stops it, and each redraw is marked', async ({ page }) => {
    await page.goto('/embed/seq2seq/?step=0');
    const diagram = by(page);
    const data = await live(diagram, 'the 14th of February, 1894');
    const play = diagram.locator('[data-role="play"]');
    await play.click();
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await exportOf(diagram)).step, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await play.click();
    await expect(play).toHaveText('Play');
    const paused = (await exportOf(diagram)).step;
    expect(paused).toBeLessThan(data.outputTokens.length);
    await page.waitForTimeout(1600);
    expect((await exportOf(diagram)).step).toBe(paused);
    await play.click();
    await expect.poll(async () => (await exportOf(diagram)).step, { timeout: 15_000 }).toBe(data.outputTokens.length);
    await expect(play).toHaveText('Play');
    const marks = await page.evaluate(() => performance.getEntriesByName('glassbox:update:seq2seq').length);
    expect(marks).toBeGreaterThan(data.outputTokens.length);
  });
});
