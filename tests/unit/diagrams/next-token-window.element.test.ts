// @vitest-environment jsdom
/**
 * <glassbox-next-token-window> against a stand-in for the model worker: the build-time example
 * until the model answers, then every position from one logits-only trace in chart and export;
 * hover and arrow keys pick a position (state and export follow); typing asks again.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelApi } from '../../../src/model/api';
import type { LoadEvent } from '../../../src/model/types';
import { key, pointer } from './dom';

const VOCAB = ['The', ' cat', ' sat', ' on', ' mat', ' dog'];
const V = VOCAB.length;
const INFO = { id: 'stand-in', version: 'abc123', nPositions: 256, vocabSize: V };

/** Every text is split at spaces into vocabulary words; each row favours the next id. */
class FakeModel {
  traced: { text: string; outputs?: readonly string[] }[] = [];
  load() {
    return Promise.resolve(INFO);
  }
  onEvent(cb: (e: LoadEvent) => void) {
    cb({ type: 'ready' } as LoadEvent);
    return () => {};
  }
  async trace(text: string, opts?: { outputs?: readonly string[] }) {
    this.traced.push({ text, outputs: opts?.outputs });
    const words = text ? text.split(/(?= )/) : [];
    const ids = words.map((w) => Math.max(0, VOCAB.indexOf(w)));
    const data = new Float32Array(ids.length * V);
    ids.forEach((id, i) => data.set([1, 2, 3, 4, 5, 0].map((z, v) => (v === (id + 1) % V ? 6 : z)), i * V));
    return { model: INFO, text, truncated: false, tokens: ids.map((id, i) => ({ id, text: words[i] })), logits: { data, shape: [ids.length, V] } };
  }
}

let fake: FakeModel;
vi.mock('../../../src/model/client', async () => {
  const real = await vi.importActual<typeof import('../../../src/model/client')>('../../../src/model/client');
  return { latest: real.latest, getModel: () => fake as unknown as ModelApi };
});
vi.mock('../../../src/model/assets', () => ({ vocabulary: async () => VOCAB }));

const EXAMPLE = {
  state: { text: 'The cat sat', position: 3 },
  source: 'example',
  model: { id: 'built-model', version: 'old' },
  text: 'The cat',
  truncated: false,
  tokens: [{ id: 0, text: 'The' }, { id: 1, text: ' cat' }],
  positions: [{ index: 2, seen_tokens: 1, target: { id: 1, text: ' cat' }, p: 0.5, loss: 0.69, rank: 1, band: 'top1', top: [{ id: 1, text: ' cat', p: 0.5 }] }],
  mean_loss: 0.69,
  perplexity: 2,
};

function mount(state = 'text=The%20cat%20sat&position=3'): HTMLElement {
  document.body.innerHTML = `
    <glassbox-next-token-window data-diagram="next-token-window" data-source="example" data-state="${state}" data-url-state="off">
      <textarea data-role="text">The cat sat</textarea>
      <a data-text-link="/tokenization/" href="/tokenization/?text=x">tokens</a>
      <p data-role="source" data-kind="example"></p>
      <div data-role="progress" hidden><progress data-role="progress-bar"></progress><span data-role="progress-text"></span></div>
      <div data-role="error" hidden><p data-role="error-text"></p><button type="button" data-role="retry">Retry</button></div>
      <ul data-role="notes" hidden></ul>
      <div data-role="chart"></div>
      <script type="application/json" data-role="export">${JSON.stringify(EXAMPLE)}</script>
    </glassbox-next-token-window>`;
  return document.querySelector('glassbox-next-token-window') as HTMLElement;
}

const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000 });
const part = (el: HTMLElement, role: string) => el.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
const exported = (el: HTMLElement) => JSON.parse(part(el, 'export').textContent!);
const row = (el: HTMLElement, i: number) => el.querySelector<SVGGElement>(`.gb-ntw-row[data-token="${i}"]`)!;

beforeAll(async () => {
  vi.stubGlobal('matchMedia', () => ({ matches: true }));
  await import('../../../src/diagrams/next-token-window/element');
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('<glassbox-next-token-window>', () => {
  it('shows the example, then every position from one logits-only trace', async () => {
    fake = new FakeModel();
    const el = mount();
    expect(exported(el).source).toBe('example');
    await until(() => expect(el.dataset.source).toBe('model'));
    expect(fake.traced).toEqual([{ text: 'The cat sat', outputs: ['logits'] }]);
    const data = exported(el);
    expect(data).toMatchObject({ state: { text: 'The cat sat', position: 3 }, source: 'model', model: { id: 'stand-in', version: 'abc123' }, text: 'The cat sat' });
    expect(data.positions.map((p: { index: number }) => p.index)).toEqual([2, 3]);
    // Row 0 favours id 1 (" cat"): the true token is the top guess.
    expect(data.positions[0]).toMatchObject({ seen_tokens: 1, target: { id: 1, text: ' cat' }, rank: 1 });
    expect(data.positions[0].top[0]).toMatchObject({ id: 1, text: ' cat' });
    const mean = data.positions.reduce((a: number, p: { loss: number }) => a + p.loss, 0) / 2;
    expect(data.mean_loss).toBeCloseTo(mean, 12);
    expect(data.perplexity).toBeCloseTo(Math.exp(mean), 9);
    expect(row(el, 3).getAttribute('aria-selected')).toBe('true');
    expect(el.dataset.link).toContain('model=stand-in@abc123');
  });

  it('moves the position with hover and arrow keys, timing each redraw', async () => {
    fake = new FakeModel();
    const el = mount();
    await until(() => expect(el.dataset.source).toBe('model'));
    const marks = () => performance.getEntriesByName('glassbox:update:next-token-window').length;
    const before = marks();
    row(el, 2).dispatchEvent(pointer('pointerover'));
    expect(row(el, 2).getAttribute('aria-selected')).toBe('true');
    expect((el as unknown as { value: { position: number } }).value.position).toBe(2);
    expect(marks()).toBeGreaterThan(before);
    row(el, 2).dispatchEvent(key('End'));
    expect(row(el, 3).getAttribute('aria-selected')).toBe('true');
    await until(() => expect(exported(el).state.position).toBe(3));
    expect(el.dataset.state).toBe('text=The%20cat%20sat&position=3');
  });

  it('asks again as the reader types, and the token link follows the text', async () => {
    fake = new FakeModel();
    const el = mount();
    await until(() => expect(el.dataset.source).toBe('model'));
    const input = part(el, 'text') as HTMLTextAreaElement;
    input.value = 'The dog sat on';
    input.dispatchEvent(new Event('input'));
    await until(() => expect(exported(el).text).toBe('The dog sat on'));
    expect(exported(el).positions).toHaveLength(3);
    expect(el.querySelector('a[data-text-link]')!.getAttribute('href')).toBe('/tokenization/?text=The%20dog%20sat%20on');
  });

  it('says so, with no rows, for a one-token text', async () => {
    fake = new FakeModel();
    const el = mount('text=The&position=1');
    (part(el, 'text') as HTMLTextAreaElement).value = 'The';
    await until(() => expect(exported(el).text).toBe('The'));
    expect(exported(el).positions).toEqual([]);
    expect(el.querySelector('.gb-ntw-summary')!.textContent).toMatch(/single token/);
    expect(el.querySelectorAll('.gb-ntw-row')).toHaveLength(0);
  });
});
