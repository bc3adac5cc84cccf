import { test } from '@playwright/test';
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] } });
test('shot', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  for (const id of ['logit-lens', 'layer-stack']) {
    await page.goto(`/embed/${id}/`);
    await page.locator(`[data-diagram="${id}"][data-source="model"]`).waitFor({ timeout: 60000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/shot-${id}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/layers/');
  await page.screenshot({ path: `/tmp/shot-layers-360.png`, fullPage: true });
});
