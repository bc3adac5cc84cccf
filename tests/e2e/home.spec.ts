import { bars, expect, exported, MODEL_TIMEOUT, nextToken, test, waitForModel } from './fixtures';

test.describe('home page: the live next-token diagram', () => {
  test('shows the precomputed example, labelled, before the model answers', async ({ page }) => {
    // Hold the model catalogue back so the example state can be seen and checked.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/models/models.json', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    const diagram = nextToken(page);
    await expect(diagram).toHaveAttribute('data-source', 'example');
    await expect(diagram.locator('[data-role="source"]')).toContainText('Example (precomputed)');
    await expect(diagram.locator('[data-role="source"]')).toContainText('the live model is loading');
    await expect(diagram.locator('g.gb-nt-row')).toHaveCount(10);
    const data = await exported(diagram);
    expect(data.source).toBe('example');
    expect((await bars(diagram)).map((b) => b.id)).toEqual(data.top.map((t) => t.id));
    release();
    await waitForModel(diagram);
    await expect(diagram.locator('[data-role="source"]')).toContainText('Live:');
  });

  test('the prose quotes the guesses the live bars show for its sentence', async ({ page }) => {
    await page.goto('/');
    const diagram = nextToken(page);
    const data = await exported(diagram);
    await waitForModel(diagram, data.state.text);
    const shown = (await bars(diagram)).slice(0, 3);
    const prose = ((await page.locator('[data-home-guesses]').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const quoted = [...prose.matchAll(/“([^”]+)” ([\d.]+%)/g)].map((m) => [m[1], m[2]]);
    // Bars label a leading space as ␣; the prose quotes the word.
    expect(quoted).toEqual(shown.map((b) => [b.label.replace(/^␣/, ''), b.pct]));
    await expect(page.locator('main')).toContainText(`After “${data.state.text}”`);
  });

  test('typing a prompt redraws the bars from the live model', async ({ page }) => {
    await page.goto('/');
    const diagram = nextToken(page);
    const prompt = 'Once upon a time there was a';
    await diagram.getByLabel('Your prompt').fill(prompt);
    await waitForModel(diagram, prompt);
    await expect(diagram.locator('g.gb-nt-row')).toHaveCount(10);

    const shown = await bars(diagram);
    const sum = shown.reduce((a, b) => a + b.p, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-6);
    for (const [i, b] of shown.entries()) {
      expect(b.p).toBeGreaterThan(0);
      if (i > 0) expect(b.p).toBeLessThanOrEqual(shown[i - 1].p);
      expect(b.label).not.toBe('');
      expect(b.pct).toMatch(/%$/);
    }
    expect(shown.map((b) => b.id)).toEqual((await exported(diagram)).top.map((t) => t.id));

    // The state is mirrored in the URL, so the link reproduces this view.
    await expect(page).toHaveURL(/\?text=Once%20upon%20a%20time%20there%20was%20a$/);

    const timings = await page.evaluate(() =>
      ['glassbox:model-load', 'glassbox:forward', 'glassbox:update:next-token'].map((n) => performance.getEntriesByName(n).length),
    );
    expect(timings[0], 'glassbox:model-load measures').toBeGreaterThanOrEqual(1);
    expect(timings[1], 'glassbox:forward measures').toBeGreaterThanOrEqual(1);
    expect(timings[2], 'glassbox:update:next-token measures').toBeGreaterThanOrEqual(1);
  });

  test('a link with state restores it, and the model answers for it', async ({ page }) => {
    await page.goto('/?text=The%20old%20man');
    const diagram = nextToken(page);
    await expect(diagram.getByLabel('Your prompt')).toHaveValue('The old man');
    await waitForModel(diagram, 'The old man');
    expect((await exported(diagram)).state).toEqual({ text: 'The old man' });
  });

  test('no console errors and no requests to other origins while loading and running the model', async ({ page, guard }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('/');
    await waitForModel(nextToken(page));
    await nextToken(page).getByLabel('Your prompt').fill('It was a dark and stormy');
    await waitForModel(nextToken(page), 'It was a dark and stormy');
    expect(requests.some((u) => u.includes('/models/')), 'the model came from this site').toBe(true);
    expect(guard.errors).toEqual([]);
    expect(guard.foreign).toEqual([]);
  });

  test('shows download progress and the model size while loading', async ({ page }) => {
    // Hold the weights until the progress line has been read, so it cannot finish before we look.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/*.onnx', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    const progress = nextToken(page).locator('[data-role="progress"]');
    await expect(progress).toBeVisible();
    await expect(progress).toContainText(/Downloading the model: [\d.]+ of [\d.]+ MB|Starting the model/);
    release();
    await waitForModel(nextToken(page));
    await expect(progress).toBeHidden();
  });

  test('a failed model download shows an error with Retry, over the example, never a blank', async ({ page }) => {
    let fail = true;
    await page.route('**/*.onnx', (route) => (fail ? route.abort('failed') : route.continue()));
    await page.goto('/');
    const diagram = nextToken(page);
    const error = diagram.locator('[data-role="error"]');
    await expect(error).toBeVisible({ timeout: MODEL_TIMEOUT });
    await expect(diagram.locator('g.gb-nt-row')).toHaveCount(10);
    await expect(diagram).toHaveAttribute('data-source', 'example');
    fail = false;
    await error.getByRole('button', { name: 'Retry' }).click();
    await waitForModel(diagram);
    await expect(error).toBeHidden();
  });
});
