/**
 * Shared Playwright fixtures. Every test is guarded: it fails on a console error, an uncaught
 * page error, a dialog (alert() from injected markup) or any request to another origin.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export interface Guard {
  errors: string[];
  foreign: string[];
  dialogs: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://localhost:4321').origin;
      const guard: Guard = { errors: [], foreign: [], dialogs: [] };
      page.on('console', (m) => {
        if (m.type() === 'error') guard.errors.push(`${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => guard.errors.push(String(e)));
      page.on('dialog', (d) => {
        guard.dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      // The context sees requests from workers too, where the model is fetched.
      page.context().on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        if (url.origin !== own) guard.foreign.push(r.url());
      });
      await use(guard);
      expect(guard.errors, 'console errors').toEqual([]);
      expect(guard.foreign, 'requests to other origins').toEqual([]);
      expect(guard.dialogs, 'dialogs (injected script ran)').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The shipped default model's shape, from models.json, for the counts and bounds that follow it. */
export const ARCH = (() => {
  const cat = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as {
    default: string;
    models: { id: string; layers: number; heads: number; width: number; context: number; vocab: number }[];
  };
  const m = cat.models.find((e) => e.id === cat.default);
  if (!m) throw new Error('models.json does not list its default model');
  return m;
})();

/** The model's first run in a page compiles WASM and reads ~5 MB: allow for a slow CI machine. */
export const MODEL_TIMEOUT = 60_000;

export interface Exported {
  state: { text: string };
  source: 'example' | 'model';
  model: { id: string; version: string };
  text: string;
  truncated: boolean;
  tokens: { id: number; text: string }[];
  top: { id: number; text: string; p: number }[];
}

export async function exported(diagram: Locator): Promise<Exported> {
  return JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? 'null') as Exported;
}

/** Wait until the live model has drawn the diagram for exactly `text`. */
export async function waitForModel(diagram: Locator, text?: string) {
  await expect(diagram).toHaveAttribute('data-source', 'model', { timeout: MODEL_TIMEOUT });
  if (text !== undefined) {
    await expect.poll(async () => (await exported(diagram)).text, { timeout: MODEL_TIMEOUT }).toBe(text);
  }
}

/** What the bars show: token id and probability per row, in drawing order. */
export async function bars(diagram: Locator): Promise<{ id: number; p: number; label: string; pct: string }[]> {
  return diagram.locator('g.gb-nt-row').evaluateAll((rows) =>
    rows.map((r) => ({
      id: Number(r.getAttribute('data-token-id')),
      p: Number(r.getAttribute('data-p')),
      label: r.querySelector('.gb-nt-label')?.textContent ?? '',
      pct: r.querySelector('.gb-nt-pct')?.textContent ?? '',
    })),
  );
}

export function nextToken(page: Page): Locator {
  return page.locator('[data-diagram="next-token"]');
}

/** The model a diagram's numbers come from, as copied links name it: `<id>@<version>`. */
export async function modelPin(diagram: Locator): Promise<string> {
  const { model } = JSON.parse((await diagram.locator('[data-export="json"]').textContent()) ?? '{}') as { model: { id: string; version: string } };
  return `${model.id}@${model.version}`;
}
