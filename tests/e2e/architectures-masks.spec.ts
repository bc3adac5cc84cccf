/**
 * The attention-masks diagram on the built site: the export against the live models' numbers
 * (each checked against an independent Node run of the shipped files through src/model/node.ts),
 * the URL round trip, hover and keyboard on the query tokens, the companions fetched only near
 * the viewport, and a 360 px phone.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { loadCompanion, nodeModel } from '../../src/model/node';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

type Rows = number[][] | null;
type Ref = { id: string; version: string } | null;
interface MasksExport {
  state: { text: string; kind: string; layer: number; head: number };
  text: string;
  models: { encoder: Ref; decoder: Ref; encdec: Ref };
  shown: Record<'encoder' | 'decoder' | 'encdec', { source: string; text: string; layer: number; head: number }>;
  tokens: { encoder: { text: string }[]; decoder: { id: number; text: string }[]; encdec: { output: { text: string }[]; source: { text: string }[] } };
  attention: { encoder: Rows; decoder: Rows; encdec: { self: Rows; cross: Rows } };
}

const catalogue = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as {
  default: string;
  models: { id: string; version: string }[];
  companions?: { id: string; role: string; version: string }[];
};
const GPT = catalogue.models.find((m) => m.id === catalogue.default)!;
const companion = (role: string) => catalogue.companions?.find((c) => c.role === role) ?? null;
const ENCODER = companion('encoder');
const SEQ2SEQ = companion('seq2seq')!;
const DATE = 'We met on the 3rd of March, 2025.';

const view = (page: Page) => page.locator('[data-diagram="attention-masks"]');
const exported = async (d: Locator) => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as MasksExport;

/** Every model that models.json lists has answered for `text`. */
async function waitForLive(d: Locator, text: string) {
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  await expect
    .poll(
      async () => {
        const e = await exported(d);
        const kinds: ('encoder' | 'decoder' | 'encdec')[] = ['decoder', 'encdec', ...(ENCODER ? (['encoder'] as const) : [])];
        return kinds.every((k) => e.shown[k].source === 'model' && e.shown[k].text === text);
      },
      { timeout: MODEL_TIMEOUT },
    )
    .toBe(true);
}

/** [l][h] of a flat [L][H][R][C] tensor, as rows. */
function cut(t: { data: Float32Array; shape: readonly number[] }, layer: number, head: number): number[][] {
  const [, H, R, C] = t.shape;
  const start = ((layer - 1) * H + (head - 1)) * R * C;
  return Array.from({ length: R }, (_, i) => Array.from(t.data.subarray(start + i * C, start + (i + 1) * C)));
}

function expectClose(got: Rows, want: number[][], what: string) {
  expect(got, what).not.toBeNull();
  expect(got!.length, what).toBe(want.length);
  got!.forEach((r, i) => {
    expect(Math.abs(r.reduce((a, b) => a + b, 0) - 1), `${what} row ${i + 1} sums to 1`).toBeLessThan(1e-4);
    r.forEach((w, j) => expect(Math.abs(w - want[i][j]), `${what} [${i}][${j}]`).toBeLessThan(1e-3));
  });
}

test('the linked state shows every live model’s attention, equal to Node runs of the shipped files', async ({ page }) => {
  await page.goto(`/embed/attention-masks/?text=${encodeURIComponent(DATE)}&kind=encdec&layer=2&head=3`);
  const d = view(page);
  await expect(d.getByLabel('Your sentence')).toHaveValue(DATE);
  await expect(d.getByLabel('Layer')).toHaveValue('2');
  await expect(d.getByLabel('Head')).toHaveValue('3');
  await expect(d.getByRole('radio', { name: 'Encoder-decoder' })).toBeChecked();
  await waitForLive(d, DATE);
  const e = await exported(d);
  expect(e.state).toEqual({ text: DATE, kind: 'encdec', layer: 2, head: 3 });
  expect(e.models.decoder).toEqual({ id: GPT.id, version: GPT.version });
  expect(e.models.encdec).toEqual({ id: SEQ2SEQ.id, version: SEQ2SEQ.version });

  // The GPT: causal, upper triangle exactly 0.
  const tr = await nodeModel().trace(DATE);
  expect(e.tokens.decoder.map((t) => t.id)).toEqual(tr.tokens.map((t) => t.id));
  expectClose(e.attention.decoder, cut(tr.attentions, 2, 3), 'decoder');
  e.attention.decoder!.forEach((r, i) => r.slice(i + 1).forEach((w) => expect(w).toBe(0)));

  // The seq2seq: its own greedy output, causal self-attention, cross-attention over the whole source.
  const t = await (await loadCompanion('seq2seq')).translate(DATE);
  expect(e.tokens.encdec.output.map((x) => x.text)).toEqual(['<start>', ...t.output.map((x) => x.text)]);
  expect(e.tokens.encdec.output.slice(1).map((x) => x.text).join('')).toBe('2025-03-03');
  expect(e.tokens.encdec.source.map((x) => x.text).join('')).toBe(DATE);
  expectClose(e.attention.encdec.self, cut(t.decoderAttentions, 2, 3), 'seq2seq self');
  expectClose(e.attention.encdec.cross, cut(t.crossAttentions, 2, 3), 'seq2seq cross');

  if (ENCODER) {
    expect(e.models.encoder).toEqual({ id: ENCODER.id, version: ENCODER.version });
    const a = await (await loadCompanion('encoder')).attend(DATE);
    expectClose(e.attention.encoder, cut(a.attentions, 2, 3), 'encoder');
    let above = 0;
    e.attention.encoder!.forEach((r, i) => r.slice(i + 1).forEach((w) => (above += w)));
    expect(above, 'the encoder looks ahead').toBeGreaterThan(0.01);
  } else {
    expect(e.models.encoder).toBeNull();
    expect(e.attention.encoder).toBeNull();
    await expect(d.locator('[data-kind="encoder"] .gb-mk-meta')).toContainText('not available');
  }
  await expect(d.locator('[data-kind="encdec"]')).toContainText('“2025-03-03”');
});

test('a layer past the seq2seq’s 2 × 4 is clamped for it alone, with a line saying so', async ({ page }) => {
  await page.goto(`/embed/attention-masks/?text=${encodeURIComponent(DATE)}&layer=5&head=6`);
  const d = view(page);
  await waitForLive(d, DATE);
  const e = await exported(d);
  expect(e.shown.decoder).toMatchObject({ layer: 5, head: 6 });
  expect(e.shown.encdec).toMatchObject({ layer: 2, head: 4 });
  await expect(d.locator('[data-kind="encdec"] .gb-mk-note').first()).toContainText('layer 2, head 4 is drawn');
});

test('the URL carries the state both ways', async ({ page }) => {
  await page.goto('/embed/attention-masks/');
  const d = view(page);
  await d.getByLabel('Layer').selectOption('4');
  await d.getByLabel('Head').selectOption('2');
  await d.getByRole('radio', { name: 'Encoder', exact: true }).check();
  await expect(page).toHaveURL(/[?&]layer=4(&|$)/);
  await expect(page).toHaveURL(/[?&]head=2(&|$)/);
  await expect(page).toHaveURL(/[?&]kind=encoder(&|$)/);
  await d.getByLabel('Your sentence').fill('The 1st of May, 2024');
  await expect(page).toHaveURL(/[?&]text=The(\+|%20)1st/);
  await page.reload();
  const again = view(page);
  await expect(again.getByLabel('Your sentence')).toHaveValue('The 1st of May, 2024');
  await expect(again.getByLabel('Layer')).toHaveValue('4');
  await expect(again.getByLabel('Head')).toHaveValue('2');
  await expect(again.getByRole('radio', { name: 'Encoder', exact: true })).toBeChecked();
  await waitForLive(again, 'The 1st of May, 2024');
  expect((await exported(again)).state).toEqual({ text: 'The 1st of May, 2024', kind: 'encoder', layer: 4, head: 2 });
});

test('hover and the keyboard pick a query row by its 1-based data-token', async ({ page }) => {
  await page.goto(`/embed/attention-masks/?text=${encodeURIComponent(DATE)}`);
  const d = view(page);
  await waitForLive(d, DATE);
  const g = d.locator('[data-grid="decoder"]');
  const T = (await exported(d)).tokens.decoder.length;
  await expect(g.locator(`[data-token="${T}"]`)).toHaveAttribute('aria-selected', 'true');
  await g.locator('[data-token="3"]').hover();
  await expect(g.locator('[data-token="3"]')).toHaveAttribute('aria-selected', 'true');
  await expect(g.locator('.gb-mk-summary')).toContainText('(row 3)');
  await g.locator('[data-token="3"]').focus();
  await page.keyboard.press('ArrowUp');
  await expect(g.locator('[data-token="2"]')).toBeFocused();
  await expect(g.locator('.gb-mk-summary')).toContainText('(row 2)');
  await page.keyboard.press('Home');
  await expect(g.locator('[data-token="1"]')).toBeFocused();
  await expect(g.locator('.gb-mk-summary')).toContainText('at 100.0%');
  await g.locator('.gb-mk-cells rect[data-q="1"][data-k="2"]').hover();
  await expect(d.locator('.gb-mk-readout')).toContainText('masked');
});

test('the companion models are not fetched until the diagram nears the viewport', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  page.context().on('request', (r) => fetched.push(r.url()));
  await page.goto('/gallery/');
  await page.waitForLoadState('networkidle');
  const companions = () => fetched.filter((u) => /\/models\/glassbox-(seq2seq|encoder)\//.test(u));
  expect(companions()).toEqual([]);
  const d = view(page).first();
  await d.scrollIntoViewIfNeeded();
  await expect.poll(() => companions().some((u) => u.includes('/models/glassbox-seq2seq/')), { timeout: MODEL_TIMEOUT }).toBe(true);
  await waitForLive(d, (await exported(d)).state.text);
});

test('fits a 360 px phone, the picked kind drawn and the others folded', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/architectures/?kind=encdec');
  const d = view(page);
  await d.scrollIntoViewIfNeeded();
  await waitForLive(d, (await exported(d)).state.text);
  await expect(d.locator('[data-grid="cross"]')).toBeVisible();
  await expect(d.locator('[data-grid="decoder"]')).toHaveCount(0);
  const overflow = await d.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await d.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await d.getByRole('button', { name: 'Show the encoder', exact: true }).click();
  await expect(d.getByRole('radio', { name: 'Encoder', exact: true })).toBeChecked();
});

test('an emptied sentence leaves empty grids and no error', async ({ page }) => {
  await page.goto(`/embed/attention-masks/?text=${encodeURIComponent(DATE)}`);
  const d = view(page);
  await waitForLive(d, DATE);
  await d.getByLabel('Your sentence').fill('');
  await expect(d.locator('[data-grid="decoder"] .gb-mk-summary')).toContainText('there is no text');
  await expect(d.locator('[data-grid="cross"] .gb-mk-summary')).toContainText('there is no text');
  const e = await exported(d);
  expect(e.state.text).toBe('');
  expect(e.attention.decoder).toEqual([]);
  await expect(d.locator('[data-role="error"]').first()).toBeHidden();
});
