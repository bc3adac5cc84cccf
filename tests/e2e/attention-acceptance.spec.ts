/**
 * Issue 26's acceptance line, on the built site with the live model: on /attention/, with the
 * head the chapter names for pronouns (heads.json's coreference score), the default sentence's
 * hovered "it" goes most strongly to "cat". Read from the attention diagram's JSON export, not
 * pixels. It fails for a model whose pronoun head does not do this; the chapter then says so.
 */
import { EXAMPLE_TEXTS } from '../../src/model/examples';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

interface AttentionExport {
  state: { text: string; layer: number; head: number; token: number };
  source: 'example' | 'model';
  text: string;
  tokens: { id: number; text: string }[];
  attention: number[][];
}

test('issue 26 acceptance: the named pronoun head sends the hovered “it” most strongly to “cat”', async ({ page }) => {
  await page.goto('/attention/');
  const panel = page.locator('glassbox-pronoun-probes');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  const layer = Number(await panel.getAttribute('data-layer'));
  const head = Number(await panel.getAttribute('data-head'));
  await expect(page.locator('[data-fill="coref-head"]').first()).toHaveText(`layer ${layer}, head ${head}`);

  const d = page.locator('[data-diagram="attention"]');
  const exported = async () => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as AttentionExport;
  await d.scrollIntoViewIfNeeded();
  await expect(d).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  expect((await exported()).text).toBe(EXAMPLE_TEXTS.attention);
  await d.getByLabel('Layer').selectOption(String(layer));
  await d.getByLabel('Head').selectOption(String(head));
  const tokens = (await exported()).tokens.map((t) => t.text);
  const it = tokens.indexOf(' it');
  const cat = tokens.indexOf(' cat');
  expect(it).toBeGreaterThan(cat);
  expect(cat).toBeGreaterThan(0);
  // Hover another token first, so the hover on "it" is a real change of the query.
  await d.locator('[data-token="1"]').first().hover();
  await d.locator(`[data-token="${it + 1}"]`).first().hover();
  await expect.poll(async () => (await exported()).state).toMatchObject({ layer, head, token: it + 1 });

  const row = (await exported()).attention[it].slice(0, it + 1);
  const strongest = row.indexOf(Math.max(...row));
  expect(
    tokens[strongest],
    `layer ${layer}, head ${head}: “it” → ${row.map((w, j) => `${tokens[j].trim()} ${(w * 100).toFixed(1)}%`).join(', ')}`,
  ).toBe(' cat');
});
