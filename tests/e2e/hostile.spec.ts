import { expect, exported, nextToken, test, waitForModel } from './fixtures';

test.use({ reducedMotion: 'reduce' });

const MAX = 2000; // the registry's maxLength for `text`

const cases: { name: string; text: string; expected: string }[] = [
  { name: 'img onerror', text: '<img src=x onerror=alert(1)>', expected: '<img src=x onerror=alert(1)>' },
  { name: 'script element', text: '</textarea><script>alert(1)</script>', expected: '</textarea><script>alert(1)</script>' },
  { name: 'svg onload', text: '"><svg onload=alert(1)>', expected: '"><svg onload=alert(1)>' },
  { name: 'javascript: URL', text: 'javascript:alert(1)//', expected: 'javascript:alert(1)//' },
  { name: 'emoji and scripts', text: '🐈‍⬛ naïve 漢字 👩🏽‍🚀', expected: '🐈‍⬛ naïve 漢字 👩🏽‍🚀' },
  { name: 'empty', text: '', expected: '' },
];

async function noInjectedMarkup(page: import('@playwright/test').Page) {
  const diagram = nextToken(page);
  await expect(diagram.locator('img, iframe, object, embed')).toHaveCount(0);
  await expect(diagram.locator('script:not([type="application/json"])')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload]')).toHaveCount(0);
  await expect(diagram.locator('svg:not(.gb-nt-chart)')).toHaveCount(0);
}

for (const c of cases) {
  test(`hostile text (${c.name}) is shown as text, never run`, async ({ page, guard }) => {
    await page.goto(`/embed/next-token/?text=${encodeURIComponent(c.text)}`);
    const diagram = nextToken(page);
    await expect(diagram.getByLabel('Your prompt')).toHaveValue(c.expected);
    await waitForModel(diagram, c.expected);
    await noInjectedMarkup(page);
    expect((await exported(diagram)).state.text).toBe(c.expected);
    if (c.expected === '') {
      await expect(diagram.locator('.gb-nt-summary')).toHaveText(/^With no prompt/);
    } else {
      await expect(diagram.locator('.gb-nt-summary')).toContainText(c.expected.slice(0, 12));
    }
    expect(guard.dialogs).toEqual([]);
  });
}

test('markup in the home page URL is shown as text too', async ({ page, guard }) => {
  const text = '<img src=x onerror=alert(document.domain)>';
  await page.goto(`/?text=${encodeURIComponent(text)}`);
  const diagram = nextToken(page);
  await expect(diagram.getByLabel('Your prompt')).toHaveValue(text);
  await waitForModel(diagram, text);
  await noInjectedMarkup(page);
  expect(guard.dialogs).toEqual([]);
});

test('a 100 kB text is cut with visible notes: to the URL limit, then to the model context', async ({ page, baseURL }) => {
  const long = 'the cat sat on the mat. '.repeat(4267).slice(0, 102_400);
  const url = `${baseURL}/embed/next-token/?text=${encodeURIComponent(long)}`;
  // Most servers refuse a 100 kB request line (astro preview answers 431), so the page is
  // served from a short URL while the browser's location keeps the long query.
  await page.route(
    (u) => u.pathname === '/embed/next-token/' && (u.searchParams.get('text')?.length ?? 0) > MAX,
    async (route) => route.fulfill({ response: await route.fetch({ url: `${baseURL}/embed/next-token/` }) }),
  );
  await page.goto(url);
  const diagram = nextToken(page);
  const expected = long.slice(0, MAX);
  await expect(diagram.getByLabel('Your prompt')).toHaveValue(expected);
  const notes = diagram.locator('[data-role="notes"]');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('prompt was 102,400 characters long; cut to the first 2,000.');
  await waitForModel(diagram, expected);
  await expect(notes).toContainText("longer than the model's context of 256 tokens");
  const data = await exported(diagram);
  expect(data.truncated).toBe(true);
  expect(data.tokens).toHaveLength(256);
});
