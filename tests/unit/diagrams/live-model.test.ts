// @vitest-environment jsdom
/**
 * The lifecycle every live diagram shares (the kit host, src/diagrams/kit/element.ts, and its
 * LiveModel part, kit/live.ts), driven through
 * <glassbox-next-token> against a stand-in for the model worker: the build-time example until
 * the model answers, the live answer in the chart, the export and the status line, failure with
 * Retry, and typing. The real model runs in the adapter tests and in Playwright.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelApi, NextTokens } from '../../../src/model/api';
import type { LoadEvent } from '../../../src/model/types';

const INFO = { id: 'stand-in', version: 'abc123', nPositions: 256 };

/** A model whose load() the test settles by hand, and whose answers echo the text asked. */
class FakeModel {
  asked: string[] = [];
  private listeners: ((e: LoadEvent) => void)[] = [];
  private settle!: { ok: () => void; fail: (e: Error) => void };
  private loading: Promise<unknown> | null = null;

  load() {
    this.loading ??= new Promise((ok, fail) => {
      this.settle = { ok: () => ok(INFO), fail };
    }).catch((e) => {
      this.loading = null; // a failed load can be retried
      throw e;
    });
    return this.loading;
  }
  succeed() {
    this.emit({ type: 'progress', loaded: 2e6, total: 4e6 } as LoadEvent);
    this.settle.ok();
  }
  fail(message: string) {
    this.settle.fail(new Error(message));
  }
  onEvent(cb: (e: LoadEvent) => void) {
    this.listeners.push(cb);
    return () => (this.listeners = this.listeners.filter((l) => l !== cb));
  }
  emit(e: LoadEvent) {
    this.listeners.forEach((l) => l(e));
  }
  async nextTokens(text: string, k: number): Promise<NextTokens> {
    this.asked.push(text);
    const words = text.split(' ');
    return {
      model: INFO as NextTokens['model'],
      text,
      truncated: false,
      tokens: words.map((w, i) => ({ id: i + 1, text: i ? ' ' + w : w })) as NextTokens['tokens'],
      top: Array.from({ length: k }, (_, i) => ({ id: 100 + i, text: ` w${i}`, p: 0.5 / (i + 1) })) as NextTokens['top'],
    };
  }
}

let fake: FakeModel;
vi.mock('../../../src/model/client', async () => {
  const real = await vi.importActual<typeof import('../../../src/model/client')>('../../../src/model/client');
  return { latest: real.latest, getModel: () => fake as unknown as ModelApi };
});

const EXAMPLE = {
  state: { text: 'The cat sat' },
  source: 'example',
  model: { id: 'built-model', version: 'old' },
  text: 'The cat sat',
  truncated: false,
  tokens: [{ id: 1, text: 'The' }, { id: 2, text: ' cat' }, { id: 3, text: ' sat' }],
  top: [{ id: 9, text: ' down', p: 0.4 }],
};

/** The markup NextToken.astro renders, around a made-up example. */
function mount(state = 'text=The%20cat%20sat'): HTMLElement {
  document.body.innerHTML = `
    <glassbox-next-token data-diagram="next-token" data-source="example" data-state="${state}" data-url-state="off">
      <textarea data-role="prompt">The cat sat</textarea>
      <p data-role="source" data-kind="example"></p>
      <div data-role="progress" hidden><progress data-role="progress-bar"></progress><span data-role="progress-text"></span></div>
      <div data-role="error" hidden><p data-role="error-text"></p><button type="button" data-role="retry">Retry</button></div>
      <ul data-role="notes" hidden></ul>
      <div data-role="chart"></div>
      <script type="application/json" data-role="export">${JSON.stringify(EXAMPLE)}</script>
    </glassbox-next-token>`;
  return document.querySelector('glassbox-next-token') as HTMLElement;
}

/** The first mount imports d3 and the render module: allow for a slow machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000 });
const part = (el: HTMLElement, role: string) => el.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
const exported = (el: HTMLElement) => JSON.parse(part(el, 'export').textContent!);

beforeAll(async () => {
  vi.stubGlobal('matchMedia', () => ({ matches: true }));
  await import('../../../src/diagrams/next-token/element');
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('live diagram lifecycle (<glassbox-next-token>)', () => {
  it('shows the example while the model loads, then the live answer in chart, export and status', async () => {
    fake = new FakeModel();
    const el = mount();
    expect(exported(el).source).toBe('example');
    await until(() => expect(part(el, 'progress').hidden).toBe(false));
    expect(part(el, 'source').textContent).toContain('the live model is loading');
    fake.succeed();
    await until(() => expect(el.dataset.source).toBe('model'));
    const data = exported(el);
    expect(data).toMatchObject({ state: { text: 'The cat sat' }, source: 'model', model: { id: 'stand-in', version: 'abc123' } });
    expect(data.top).toHaveLength(10);
    expect(fake.asked).toEqual(['The cat sat']);
    expect(part(el, 'progress').hidden).toBe(true);
    expect(part(el, 'source').textContent).toBe('Live: stand-in (version abc123), running in your browser.');
    expect(part(el, 'chart').textContent).toContain('w0');
  });

  it('says the model is unavailable when it fails, and Retry loads it', async () => {
    fake = new FakeModel();
    const el = mount();
    await until(() => expect(part(el, 'progress').hidden).toBe(false));
    fake.fail('no network');
    await until(() => expect(part(el, 'error').hidden).toBe(false));
    expect(part(el, 'error-text').textContent).toBe('The live model could not load or run: no network');
    expect(part(el, 'source').textContent).toContain('the live model is unavailable');
    expect(exported(el).source).toBe('example');
    part(el, 'retry').click();
    await until(() => expect(part(el, 'progress').hidden).toBe(false));
    fake.succeed();
    await until(() => expect(exported(el).source).toBe('model'));
    expect(part(el, 'error').hidden).toBe(true);
  });

  it('asks again as the reader types, and keeps state and export in step', async () => {
    fake = new FakeModel();
    const el = mount();
    await until(() => expect(part(el, 'progress').hidden).toBe(false));
    fake.succeed();
    await until(() => expect(exported(el).source).toBe('model'));
    const input = part(el, 'prompt') as HTMLTextAreaElement;
    input.value = 'A dog ran';
    input.dispatchEvent(new Event('input'));
    await until(() => expect(exported(el).text).toBe('A dog ran'));
    expect(el.dataset.state).toBe('text=A%20dog%20ran');
    expect(exported(el).state).toEqual({ text: 'A dog ran' });
    expect(fake.asked.at(-1)).toBe('A dog ran');
  });

  it('stops listening when removed: a late load event changes nothing', async () => {
    fake = new FakeModel();
    const el = mount();
    await until(() => expect(part(el, 'progress').hidden).toBe(false));
    el.remove();
    fake.emit({ type: 'error', message: 'late' } as LoadEvent);
    expect(part(el, 'error').hidden).toBe(true);
    expect(part(el, 'chart').childElementCount).toBe(0);
  });
});
