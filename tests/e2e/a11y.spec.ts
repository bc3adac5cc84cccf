import AxeBuilder from '@axe-core/playwright';
import { diagrams } from './registry';
import { expect, MODEL_TIMEOUT, test } from './fixtures';

/** Every public route: DESIGN.md §2 (stable, people link them), the gallery and each embed. */
const routes = [
  '/',
  '/next-token/',
  '/tokenization/',
  '/embeddings/',
  '/attention/',
  '/layers/',
  '/decoding/',
  '/training/',
  '/scaling-laws/',
  '/abilities/',
  '/architectures/',
  '/model/',
  '/gallery/',
  ...diagrams.map((d) => `/embed/${d.id}/`),
];

test.use({ reducedMotion: 'reduce' });

for (const route of routes) {
  test(`axe finds no violations on ${route}`, async ({ page }) => {
    // The gallery holds every diagram (18 and counting), each with its data table: waiting for
    // all of them to go live and scanning that DOM twice takes minutes, not the usual 90 s.
    if (route === '/gallery/') test.setTimeout(300_000);
    const res = await page.goto(route);
    expect(res?.status(), `${route} exists`).toBe(200);
    // Scan the live state too: wait until every diagram on the page shows the model's numbers.
    // Only model-fed diagrams wait: calculators show "formula" or "measured" data from the start.
    const pending = page.locator('[data-diagram][data-source="example"]');
    // Bring each diagram near the viewport for a couple of frames, so it starts (a fixed list:
    // `pending` shrinks as diagrams go live). In the page: Playwright's scrollIntoViewIfNeeded waits
    // for each of the gallery's ~100 diagrams to be stable, which took half a minute.
    await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const el of document.querySelectorAll('[data-diagram]')) {
        el.scrollIntoView({ block: 'center' });
        await frame();
      }
    });
    await expect(pending).toHaveCount(0, { timeout: MODEL_TIMEOUT });
    // Closed <details> are not rendered, so axe would skip the data tables inside them.
    await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // The gallery repeats every diagram in several states: its scan in light mode catches a state's
    // own markup, and each diagram's dark palette is scanned on its embed route (above), which keeps
    // this test to one pass over the gallery's ~20,000 nodes (about 45 s each).
    const schemes = route === '/gallery/' ? (['light'] as const) : (['light', 'dark'] as const);
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const { violations } = await new AxeBuilder({ page }).analyze();
      const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, `${route} in ${colorScheme} mode`).toEqual([]);
    }
  });
}

test('axe finds no violations while the example is shown, and with the error and Retry', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/models/models.json', async (route) => {
    await held;
    await route.abort('failed');
  });
  await page.goto('/embed/next-token/');
  const diagram = page.locator('[data-diagram="next-token"]');
  await expect(diagram.locator('[data-role="progress"]')).toBeVisible();
  await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  for (const state of ['loading', 'error'] as const) {
    if (state === 'error') {
      release();
      await expect(diagram.locator('[data-role="error"]')).toBeVisible({ timeout: MODEL_TIMEOUT });
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${state}, ${colorScheme}`).toEqual([]);
    }
  }
});
