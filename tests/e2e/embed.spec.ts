import { readFile } from 'node:fs/promises';
import { percent, showToken } from '../../src/diagrams/kit/tokens';
import { bars, expect, exported, nextToken, test, waitForModel } from './fixtures';

const EMBED = '/embed/next-token/?text=Once%20upon%20a';

test.use({ reducedMotion: 'reduce' });

test.describe('embed: /embed/next-token/', () => {
  test('shows the diagram alone, in the state from the query', async ({ page }) => {
    await page.goto(EMBED);
    await expect(page.locator('header, footer, nav')).toHaveCount(0);
    await expect(page.locator('[data-diagram]')).toHaveCount(1);
    const diagram = nextToken(page);
    await expect(diagram.getByLabel('Your prompt')).toHaveValue('Once upon a');
    await waitForModel(diagram, 'Once upon a');
    expect(await page.context().cookies()).toEqual([]);
  });

  test('the exported and downloaded JSON match what is shown', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = nextToken(page);
    await waitForModel(diagram, 'Once upon a');
    const data = await exported(diagram);
    const catalogue = (await (await page.request.get('/models/models.json')).json()) as { default: string };

    expect(data.state).toEqual({ text: 'Once upon a' });
    expect(data.source).toBe('model');
    expect(data.model.id).toBe(catalogue.default);
    expect(data.model.version).toMatch(/\S/);
    expect(data.top).toHaveLength(10);

    const shown = await bars(diagram);
    expect(shown.map(({ id, p }) => ({ id, p }))).toEqual(data.top.map(({ id, p }) => ({ id, p })));
    expect(shown.map((b) => b.pct)).toEqual(data.top.map((t) => percent(t.p)));
    const tokens = await diagram.locator('[data-token]').allTextContents();
    expect(tokens).toEqual(data.tokens.map((t) => showToken(t.text)));
    const cells = await diagram.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(cells).toEqual(data.top.map((t, i) => [String(i + 1), showToken(t.text), String(t.id), percent(t.p)]));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      diagram.getByRole('button', { name: 'Download data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('glassbox-next-token.json');
    expect(JSON.parse(await readFile(await download.path(), 'utf8'))).toEqual(data);
    await expect(diagram.getByRole('status').filter({ hasText: 'Data downloaded' })).toBeVisible();
  });

  test('Download image gives a standalone SVG of the bars', async ({ page }) => {
    await page.goto(EMBED);
    const diagram = nextToken(page);
    await waitForModel(diagram, 'Once upon a');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      diagram.getByRole('button', { name: 'Download image' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('glassbox-next-token.svg');
    const svg = await readFile(await download.path(), 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/class="gb-nt-row"/g)).toHaveLength(10);
    expect(svg).toContain('style="fill:');
    expect(svg).toContain('text=Once%20upon%20a');
  });

  test('Copy link and Copy embed code reproduce this state', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(EMBED);
    const diagram = nextToken(page);
    await waitForModel(diagram, 'Once upon a');
    // Links name the model whose numbers they show (links.spec.ts covers what that buys).
    const { model } = await exported(diagram);
    const pin = `${model.id}@${model.version}`;
    await diagram.getByRole('button', { name: 'Copy link' }).click();
    await expect(diagram.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/?text=Once%20upon%20a&model=${pin}`);

    await diagram.getByRole('button', { name: 'Copy embed code' }).click();
    await expect(diagram.getByRole('status').filter({ hasText: 'Embed code copied.' })).toBeVisible();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toContain(`<iframe src="${baseURL}/embed/next-token/?text=Once%20upon%20a&amp;model=${pin}" title="Next-token guesses · Glassbox"`);
    expect(code).toContain('glassbox:height');
  });

  test('posts its height to the parent page', async ({ page, baseURL }) => {
    // A host page on the same server (intercepted, so no file is needed) that records messages.
    await page.route('**/__host__/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>host</title><script>window.heights=[];addEventListener('message',e=>heights.push(e.data))</script>
<iframe src="${baseURL}${EMBED}" title="embed" width="600" height="200"></iframe>`,
      }),
    );
    await page.goto('/__host__/');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { heights: { type: string; id: string; height: number }[] }).heights.at(-1)))
      .toMatchObject({ type: 'glassbox:height', id: 'next-token' });
    const last = await page.evaluate(() => (window as unknown as { heights: { height: number }[] }).heights.at(-1)?.height ?? 0);
    expect(last).toBeGreaterThan(300);
    expect(last).toBeLessThan(3000);
  });
});
