/**
 * The attention chapter's "Which head tracks pronouns" on the built site: the head it names is
 * heads.json's pronoun head, the prose carries its held-out score, and every probe row shows what
 * that head of the live model does, the same numbers the attention diagram draws when the row's
 * button loads the sentence there.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { percent } from '../../src/diagrams/kit/tokens';
import { coreferenceHead, headScoresFrom } from '../../src/model/assets';
import { PROBE_GROUPS, wordToken } from '../../src/stories/attention-story/pronouns';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const CHAPTER = '/attention/';
const catalogue = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as { default: string };
const HEADS = headScoresFrom(JSON.parse(readFileSync(`public/models/${catalogue.default}/heads.json`, 'utf8')), 'heads.json');
const COREF = coreferenceHead(HEADS)!;

interface AttentionExport {
  state: { text: string; layer: number; head: number; token: number };
  source: 'example' | 'model';
  text: string;
  tokens: { id: number; text: string }[];
  attention: number[][];
}

const panel = (page: Page) => page.locator('glassbox-pronoun-probes');
const main = (page: Page) => page.locator('[data-diagram="attention"]');
const exportOf = async (d: Locator) => JSON.parse((await d.locator('[data-export="json"]').textContent()) ?? 'null') as AttentionExport;

async function live(page: Page) {
  await panel(page).scrollIntoViewIfNeeded();
  await expect(panel(page)).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
}

test.describe('which head tracks pronouns', () => {
  test('names heads.json’s pronoun head with its held-out score, filled in every slot', async ({ page }) => {
    expect(COREF, 'heads.json has a coreference score').toBeTruthy();
    await page.goto(CHAPTER);
    await live(page);
    const where = `layer ${COREF.layer + 1}, head ${COREF.head + 1}`;
    await expect(panel(page)).toHaveAttribute('data-layer', String(COREF.layer + 1));
    await expect(panel(page)).toHaveAttribute('data-head', String(COREF.head + 1));
    for (const el of await page.locator('[data-fill="coref-head"]').all()) await expect(el).toHaveText(where);
    const score = page.locator('[data-fill="coref-score"]');
    await expect(score).toContainText(where);
    await expect(score).toContainText(percent(COREF.heldOut));
    await expect(score).toContainText(String(COREF.cases));
    await expect(page.locator('[data-fill="coref-baseline"]')).toContainText(/guessing at random .* \d+\.\d%/);
    // The diagram's sentence, through the named head, from the live model.
    await expect(page.locator('[data-fill="coref-sentence"]')).toContainText(`${where} sends the most attention from “it”`);
    await expect(panel(page).locator('tbody')).toHaveCount(PROBE_GROUPS.length);
  });

  test('each row is what the named head of the live model draws for that sentence', async ({ page }) => {
    await page.goto(CHAPTER);
    await live(page);
    const probes = PROBE_GROUPS.flatMap((g) => g.probes);
    for (const [i, probe] of probes.entries()) {
      const row = panel(page).locator(`tr[data-probe="${i}"]`);
      const weight = (await row.locator('[data-role="weight"]').textContent()) ?? '';
      const right = await row.getAttribute('data-right');
      await row.getByRole('button', { name: 'Show in the diagram' }).click();
      await expect.poll(async () => (await exportOf(main(page))).text, { timeout: MODEL_TIMEOUT }).toBe(probe.text);
      await expect(main(page)).toHaveAttribute('data-source', 'model');
      const data = await exportOf(main(page));
      expect(data.state).toMatchObject({ layer: COREF.layer + 1, head: COREF.head + 1 });
      const q = wordToken(data.tokens, probe.pronoun);
      // The row names the pronoun's token; the diagram's own query may follow the pointer after the scroll.
      expect(await row.getAttribute('data-query')).toBe(String(q + 1));
      const key = wordToken(data.tokens, probe.antecedent);
      const w = data.attention[q];
      expect(weight).toBe(`“${probe.antecedent}” ${percent(w[key])}`);
      const rivals = probe.others.map((o) => wordToken(data.tokens, o)).filter((j) => j >= 0 && j < q);
      expect(right).toBe(String(rivals.every((j) => w[key] > w[j])));
      await expect(row.locator('[data-role="mark"]')).toHaveText(right === 'true' ? '✓' : '✗');
    }
  });

  test('screenshots at 360 and 1280 px', async ({ page }) => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(CHAPTER);
      await live(page);
      await page.locator('h2', { hasText: 'Which head tracks pronouns' }).scrollIntoViewIfNeeded();
      const dir = process.env.GLASSBOX_SHOTS;
      if (dir) {
        await page.locator('h2', { hasText: 'Which head tracks pronouns' }).evaluate((el) => el.scrollIntoView());
        await page.screenshot({ path: `${dir}/attention-pronouns-${width}.png` });
        await panel(page).screenshot({ path: `${dir}/attention-pronouns-table-${width}.png` });
      }
    }
  });
});
