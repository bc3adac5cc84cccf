/**
 * Links that stay true (issue 15, DESIGN.md §1): a copied link holds the full state and names
 * the model as `model=<id>@<version>`; opened after the site's default model changes (simulated
 * with a fixture catalogue), it says so and shows the current model; a version the catalogue
 * still serves is loaded, with no note.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { expect, exported, nextToken, test, waitForModel } from './fixtures';

type Entry = { id: string; version: string; path?: string; archived?: boolean };
const CATALOGUE = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as { default: string; models: Entry[] };
const CURRENT = CATALOGUE.models.find((m) => m.id === CATALOGUE.default && !m.archived) as Entry;
const PIN = `${CURRENT.id}@${CURRENT.version}`;

/** Serve models.json as if the default model had been retrained to `version`, keeping the old one if `keepOld`. */
async function retrained(context: BrowserContext, version: string, keepOld: boolean) {
  const models: Entry[] = [{ ...CURRENT, version }];
  // The archived entry points at the same folder: a stand-in for public/models/<id>@<version>/.
  if (keepOld) models.push({ ...CURRENT, path: `${CURRENT.id}/`, archived: true });
  const body = JSON.stringify({ ...CATALOGUE, models: [...models, ...CATALOGUE.models.filter((m) => m !== CURRENT)] });
  await context.route('**/models/models.json', (route) => route.fulfill({ contentType: 'application/json', body }));
}

test.use({ reducedMotion: 'reduce' });

test('a copied link holds every state key and names the model', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/embed/next-token/?text=Once%20upon%20a');
  const diagram = nextToken(page);
  await waitForModel(diagram, 'Once upon a');
  await diagram.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/?text=Once%20upon%20a&model=${PIN}`);
  // The default text is written out too, so a new example sentence cannot change the link.
  await page.goto('/embed/next-token/');
  await waitForModel(nextToken(page));
  await nextToken(page).getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/\\?text=[^&]+&model=${PIN.replace(/[.@]/g, '\\$&')}$`));
});

test('after the default model changes, an old link says so and shows the current model', async ({ page, context }) => {
  await retrained(context, 'retrained0001', false);
  await page.goto(`/embed/next-token/?text=Once%20upon%20a&model=${PIN}`);
  const diagram = nextToken(page);
  await waitForModel(diagram, 'Once upon a');
  const note = diagram.locator('[data-role="notes"]');
  await expect(note).toBeVisible();
  await expect(note).toContainText(`This link was made with ${CURRENT.id} version ${CURRENT.version}, which this site no longer serves`);
  await expect(note).toContainText('retrained0001');
  expect((await exported(diagram)).model.version).toBe('retrained0001');
  await expect(diagram.locator('[data-role="source"]')).toContainText('retrained0001');
});

test('a link to a version the site still keeps loads that version, with no note', async ({ page, context }) => {
  await retrained(context, 'retrained0001', true);
  await page.goto(`/embed/next-token/?text=Once%20upon%20a&model=${PIN}`);
  const diagram = nextToken(page);
  await waitForModel(diagram, 'Once upon a');
  expect((await exported(diagram)).model.version).toBe(CURRENT.version);
  await expect(diagram.locator('[data-role="notes"]')).toBeHidden();
});

test('a malformed model in a link is dropped with a note, never run', async ({ page }) => {
  await page.goto('/embed/next-token/?text=Hi&model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  const diagram = nextToken(page);
  await waitForModel(diagram, 'Hi');
  await expect(diagram.locator('[data-role="notes"]')).toContainText('is not of the form <id>@<version>');
});
