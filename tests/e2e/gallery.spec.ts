import { diagrams } from './registry';
import { normalizeState, serializeState } from '../../src/diagrams/kit/state';
import { expect, test } from './fixtures';

test('the gallery draws every diagram × fixture and links each embed URL', async ({ page }) => {
  await page.goto('/gallery/');
  const expected = diagrams.flatMap((d) =>
    Object.entries(d.fixtures).map(([name, fixture]) => {
      const q = serializeState(normalizeState(fixture, d.state).state, d.state);
      return { article: `gallery-${d.id}--${name}`, heading: `Fixture ${name}`, diagrams: [{ id: d.id, state: q }], href: `/embed/${d.id}/${q ? `?${q}` : ''}` };
    }),
  );
  // One read of the whole page: a locator round trip per check over ~100 diagrams took a minute.
  const shown = await page.locator('[data-diagram]').evaluateAll((els) =>
    els.map((el) => {
      const article = el.closest('article');
      return {
        article: article?.getAttribute('aria-labelledby') ?? '',
        heading: (article?.querySelector('h3')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        diagrams: [{ id: el.getAttribute('data-diagram') ?? '', state: el.getAttribute('data-state') ?? '' }],
        links: [...(article?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href')),
      };
    }),
  );
  expect(shown.map(({ links: _links, ...a }) => a)).toEqual(expected.map(({ href: _href, ...a }) => a));
  shown.forEach((a, i) => expect(a.links, a.article).toContain(expected[i].href));
  for (const { href } of expected) expect((await page.request.get(href)).status(), href).toBe(200);
  // Gallery diagrams must not write their state into the gallery's own URL.
  await expect(page).toHaveURL(/\/gallery\/$/);
});
