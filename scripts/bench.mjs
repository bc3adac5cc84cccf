#!/usr/bin/env node
// Budget report (DESIGN.md §6): model ready cold and warm, forward pass of 64 tokens in
// chromium, one generation step with the KV cache, and gzipped JS shipped by each chapter page before a diagram nears the viewport.
// Writes bench/results/bench.json and prints it. Reports; never fails CI.
// Usage: npm run build && npm run bench
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4399;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const CHAPTERS = ['/next-token/', '/tokenization/', '/embeddings/', '/attention/', '/layers/', '/decoding/',
  '/training/', '/scaling-laws/', '/architectures/'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN + '/')).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

// Own process group, so that killing it also ends the preview server that npx starts.
const server = spawn('npx', ['astro', 'preview', '--port', String(PORT), '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const out = { date: new Date().toISOString(), budgets: { modelReadyColdMs: 1500, modelReadyWarmMs: 500, forward64MedianMs: 20, stepMedianMs: 15, chapterJsGzipBytes: 30 * 1024 } };
try {
  await waitForServer();
  const cat = JSON.parse(readFileSync('public/models/models.json', 'utf8'));
  out.model = cat.models.find((m) => m.id === cat.default);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const loadMs = async () => {
    await page.goto(ORIGIN + '/');
    await page.locator('[data-diagram="next-token"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => performance.getEntriesByName('glassbox:model-load').length > 0, null, { timeout: 60_000 });
    return page.evaluate(() => performance.getEntriesByName('glassbox:model-load')[0].duration);
  };
  out.modelReadyColdMs = await loadMs();
  out.modelReadyWarmMs = await loadMs();

  // 64-token prompts: each edit of the prompt is one forward pass, timed inside the worker.
  const input = page.locator('[data-diagram="next-token"] input, [data-diagram="next-token"] textarea').first();
  const words = 'the cat sat on a mat and it was tired so it slept in the warm sun all day long'.split(' ');
  for (let i = 0; i < 25; i++) {
    const text = Array.from({ length: 64 }, (_, j) => words[(i + j * 7) % words.length]).join(' ');
    await input.fill(text);
    await page.waitForTimeout(150);
  }
  const fw = await page.evaluate(() => performance.getEntriesByName('glassbox:forward').map((e) => e.duration));
  out.forwardMs = { median: median(fw.slice(2)), n: fw.length - 2, note: 'prompts of 64 words (≥ 64 tokens), every output computed' };
  await ctx.close();

  // Hover → redraw on the attention diagram: p95 of glassbox:update:attention (budget 16 ms).
  const hp = await browser.newPage();
  await hp.goto(ORIGIN + '/embed/attention/');
  await hp.locator('[data-diagram="attention"][data-source="model"]').waitFor({ timeout: 60_000 });
  const targets = hp.locator('[data-diagram="attention"] [data-token]');
  const n = await targets.count();
  await hp.evaluate(() => performance.clearMeasures('glassbox:update:attention'));
  for (let i = 0; i < 40; i++) await targets.nth(i % n).hover();
  const hov = await hp.evaluate(() => performance.getEntriesByName('glassbox:update:attention').map((e) => e.duration));
  const sorted = [...hov].sort((a, b) => a - b);
  out.attentionHoverMs = { p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? null, n: hov.length, budget: 16 };
  await hp.close();

  // One generation step with the KV cache (glassbox:step, from the page's request to its answer):
  // "Run 20" twice on the generate embed, each new token one cached step.
  const gp = await browser.newPage();
  await gp.goto(ORIGIN + '/embed/generate/?steps=0');
  await gp.locator('[data-diagram="generate"][data-source="model"]').waitFor({ timeout: 60_000 });
  await gp.evaluate(() => performance.clearMeasures('glassbox:step'));
  for (const n of [20, 40]) {
    await gp.getByRole('button', { name: 'Run 20' }).click();
    await gp.waitForFunction((k) => JSON.parse(document.querySelector('[data-export="json"]').textContent).steps.length >= k, n, { timeout: 60_000 });
  }
  const steps = await gp.evaluate(() => performance.getEntriesByName('glassbox:step').map((e) => e.duration));
  out.stepMs = { median: median(steps), n: steps.length, budget: 15, note: 'generate embed, Run 20 twice; one new token per cached step' };
  await gp.close();

  out.chapterJs = {};
  for (const route of CHAPTERS) {
    const c = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // "Before any diagram is near the viewport": an IntersectionObserver that never reports,
    // so only what the page loads up front is counted, not what diagrams load on approach.
    await c.addInitScript(() => {
      window.IntersectionObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      };
    });
    const p = await c.newPage();
    const bodies = [];
    p.on('response', async (r) => {
      if (r.request().resourceType() === 'script') bodies.push(r.body().then((b) => gzipSync(b).length).catch(() => 0));
    });
    const resp = await p.goto(ORIGIN + route, { waitUntil: 'networkidle' });
    const sizes = await Promise.all(bodies);
    // Inline module scripts count too: Astro inlines small ones into the HTML.
    const inline = await p.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
    out.chapterJs[route] = resp && resp.ok() ? sizes.reduce((a, b) => a + b, 0) + gzipSync(inline).length : null;
    await c.close();
  }
} finally {
  await browser.close();
  process.kill(-server.pid);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/bench.json', JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
