import { diagrams } from './registry';
import { normalizeState, serializeState } from '../../src/diagrams/kit/state';
import { expect, test } from './fixtures';

test('the gallery draws every diagram × fixture and links each embed URL', async ({ page }) => {
  await page.goto('/gallery/');
  for (const d of diagrams) {
    const fixtures = Object.entries(d.fixtures);
    await expect(page.locator(`[data-diagram="${d.id}"]`)).toHaveCount(fixtures.length);
    for (const [name, fixture] of fixtures) {
      const q = serializeState(normalizeState(fixture, d.state).state, d.state);
      const href = `/embed/${d.id}/${q ? `?${q}` : ''}`;
      const article = page.locator('article', { has: page.getByRole('heading', { name: `Fixture ${name}` }) });
      await expect(article.locator(`[data-diagram="${d.id}"]`)).toHaveAttribute('data-state', q);
      await expect(article.locator(`a[href="${href}"]`)).toHaveCount(1);
      expect((await page.request.get(href)).status(), href).toBe(200);
    }
  }
  // Gallery diagrams must not write their state into the gallery's own URL.
  await expect(page).toHaveURL(/\/gallery\/$/);
});
